/** Importing recaps from files: rows read, validated, stored in chunks, the cache told, rejects written. */
package com.forecap.application.importing;
