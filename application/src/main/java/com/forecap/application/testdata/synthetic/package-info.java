/**
 * Deterministic recaps for users 1..N, served by the embedded store and written by the database
 * generator, and the transaction ranges of the guide's distribution.
 */
package com.forecap.application.testdata.synthetic;
