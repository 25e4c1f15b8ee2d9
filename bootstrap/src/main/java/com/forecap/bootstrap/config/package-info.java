/** Configuration: loading sources in precedence order and turning them into plain settings records. */
package com.forecap.bootstrap.config;
