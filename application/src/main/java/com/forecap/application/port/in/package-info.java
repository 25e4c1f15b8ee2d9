/** In-ports: the use cases the application offers to driving adapters (HTTP). */
package com.forecap.application.port.in;
