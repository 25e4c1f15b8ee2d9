/** Cache operations ahead of traffic: warming the cache from the store, training the compression dictionary. */
package com.forecap.application.cache;
