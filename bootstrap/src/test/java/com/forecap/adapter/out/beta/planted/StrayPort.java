package com.forecap.adapter.out.beta.planted;

/** Planted: a port owned by an adapter. */
interface StrayPort {
}
