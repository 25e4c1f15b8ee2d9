/** Out-ports: what the application needs from the outside world (recap storage, encoding). */
package com.forecap.application.port.out;
