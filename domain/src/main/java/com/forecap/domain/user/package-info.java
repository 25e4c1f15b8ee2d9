/** The identity of a customer, shared by the recap model and the authentication rules. */
package com.forecap.domain.user;
