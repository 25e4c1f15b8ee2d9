/**
 * Files adapter: reads the data warehouse's export (CSV, TSV, gzip, XLSX, JSON Lines) row by row for the
 * import, writes the rejects file, and writes the synthetic data set in the same formats.
 */
package com.forecap.adapter.out.files;
