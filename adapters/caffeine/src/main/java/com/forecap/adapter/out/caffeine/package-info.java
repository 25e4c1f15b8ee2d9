/** Out-adapter: the near cache in the JVM (Caffeine) and the single-flight point of an instance. */
package com.forecap.adapter.out.caffeine;
