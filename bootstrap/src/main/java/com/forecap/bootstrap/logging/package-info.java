/** Log output of the service: JSON lines, and a log manager that keeps the last lines of a shutdown. */
package com.forecap.bootstrap.logging;
