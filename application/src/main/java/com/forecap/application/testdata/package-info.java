/**
 * The synthetic data set of the operator's guide: generating deterministic recaps for users 1..N into a
 * store and verifying what a store holds against them.
 */
package com.forecap.application.testdata;
