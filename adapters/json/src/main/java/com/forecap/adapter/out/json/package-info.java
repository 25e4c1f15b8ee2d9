/**
 * JSON adapter: implements the application's {@code RecapJsonPort} with Jackson's streaming API, for
 * the recap sent to clients and the list columns kept in storage.
 */
package com.forecap.adapter.out.json;
