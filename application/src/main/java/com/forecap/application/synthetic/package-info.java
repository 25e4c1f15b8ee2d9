/**
 * The synthetic data set of the operator's guide: deterministic recaps for users 1..N, served by the
 * embedded store and written by the database generator, and the id ranges the generator, the cache
 * warm-up and the dictionary sample walk.
 */
package com.forecap.application.synthetic;
