/** Use-case implementations: each a final service built from ports and a clock. */
package com.forecap.application.service;
