/** The command line: serve (default) and the operator tools, built with picocli. */
package com.forecap.bootstrap.cli;
