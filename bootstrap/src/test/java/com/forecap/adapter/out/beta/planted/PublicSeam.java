package com.forecap.adapter.out.beta.planted;

/** Planted: a public interface offered by an adapter. */
public interface PublicSeam {
}
