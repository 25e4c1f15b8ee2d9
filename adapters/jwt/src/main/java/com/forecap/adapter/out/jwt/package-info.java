/** Out-adapter: bearer tokens from the app's identity provider, checked with Nimbus JOSE+JWT against its JWKS. */
package com.forecap.adapter.out.jwt;
