/**
 * Domain model of a customer's year-end recap: its identity, its fields and the outcomes of asking
 * for it. Pure Java, no framework.
 */
package com.forecap.domain.recap;
