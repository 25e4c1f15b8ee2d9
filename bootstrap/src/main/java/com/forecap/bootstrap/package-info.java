/** The composition root: the one place that knows every module and wires them by hand. */
package com.forecap.bootstrap;
