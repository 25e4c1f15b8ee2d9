/** Out-ports several capabilities share: the recap codec, progress reports, store failures. */
package com.forecap.application.shared.port.out;
