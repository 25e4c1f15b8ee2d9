/** Serving one user's recap: the request path, from the user id to the stored JSON bytes. */
package com.forecap.application.recap;
