/** Out-adapter: the embedded, in-memory recap store used when no database is configured. */
package com.forecap.adapter.out.memory;
