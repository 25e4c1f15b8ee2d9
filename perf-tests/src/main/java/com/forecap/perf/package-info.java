/** Load-test tooling: reading harness and k6 results, judging them against the guide, writing the report. */
package com.forecap.perf;
