/**
 * The IMS daemons' YAML files ({@code keygate ims kms|mrfc|mrfp --config FILE}): one validated settings record per
 * node, every error naming the file and the member (docs/IMS.md, "Running the nodes").
 */
package org.keygate.ims.config;
