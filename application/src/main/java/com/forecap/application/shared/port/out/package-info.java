/** Out-ports several capabilities share: the recap codec, progress reports, the count of stored users, store failures. */
package com.forecap.application.shared.port.out;
