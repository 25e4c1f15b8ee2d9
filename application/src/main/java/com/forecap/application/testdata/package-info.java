/**
 * The synthetic data set of the operator's guide: deterministic recaps for users 1..N, shared by the
 * embedded store and the database generator.
 */
package com.forecap.application.testdata;
