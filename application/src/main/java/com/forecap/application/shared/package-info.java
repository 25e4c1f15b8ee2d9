/** What several capabilities use: the ranges of user ids their tools walk. */
package com.forecap.application.shared;
