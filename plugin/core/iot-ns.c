/* iot-ns.c — the namespace table. See iot-ns.h. */
#include "iot-ns.h"

#include <string.h>

/* Rows follow IotGeneration, columns IotFunction. Facts: protocols.md §1. */
static const char *const ns_table[IOT_GEN_COUNT][IOT_FUNC_COUNT] = {
	[IOT_GEN_UNKNOWN] = { NULL, NULL, NULL, NULL },
	[IOT_GEN_SN] = { "urn:xmpp:sn", NULL, "urn:xmpp:sn:control", "urn:xmpp:sn:concentrators" },
	[IOT_GEN_XSF] = { "urn:xmpp:iot:sensordata", "urn:xmpp:iot:events", "urn:xmpp:iot:control",
	                  "urn:xmpp:iot:concentrators" },
	[IOT_GEN_IEEE] = { "urn:ieee:iot:sd:1.0", "urn:ieee:iot:events:1.0", "urn:ieee:iot:ctr:1.0",
	                   "urn:ieee:iot:concentrator:1.0" },
	[IOT_GEN_NF] = { "urn:nf:iot:sd:1.0", "urn:nf:iot:events:1.0", "urn:nf:iot:ctr:1.0",
	                 "urn:nf:iot:concentrator:1.0" },
	[IOT_GEN_NFI] = { "urn:nfi:iot:sd:1.0", "urn:nfi:iot:events:1.0", "urn:nfi:iot:ctr:1.0",
	                  "urn:nfi:iot:concentrator:1.0" },
};

const char *
iot_ns_for(IotGeneration gen, IotFunction func)
{
	if (gen <= IOT_GEN_UNKNOWN || gen >= IOT_GEN_COUNT || func >= IOT_FUNC_COUNT)
		return NULL;
	return ns_table[gen][func];
}

gboolean
iot_ns_classify(const char *ns, IotGeneration *gen, IotFunction *func)
{
	int g, f;

	if (ns == NULL)
		return FALSE;
	for (g = IOT_GEN_SN; g < IOT_GEN_COUNT; g++) {
		for (f = 0; f < IOT_FUNC_COUNT; f++) {
			if (ns_table[g][f] != NULL && strcmp(ns_table[g][f], ns) == 0) {
				if (gen)
					*gen = (IotGeneration)g;
				if (func)
					*func = (IotFunction)f;
				return TRUE;
			}
		}
	}
	return FALSE;
}

gboolean
iot_generation_is_short(IotGeneration gen)
{
	return gen == IOT_GEN_IEEE || gen == IOT_GEN_NF || gen == IOT_GEN_NFI;
}

const char *
iot_generation_name(IotGeneration gen)
{
	switch (gen) {
	case IOT_GEN_SN: return "urn:xmpp:sn (XEP-0323 v0.1)";
	case IOT_GEN_XSF: return "urn:xmpp:iot (XSF)";
	case IOT_GEN_IEEE: return "urn:ieee:iot (IEEE)";
	case IOT_GEN_NF: return "urn:nf:iot (Neuro-Foundation)";
	case IOT_GEN_NFI: return "urn:nfi:iot (Neuro-Foundation)";
	default: return "unknown";
	}
}

IotGeneration
iot_generation_preference(guint i)
{
	static const IotGeneration order[] = { IOT_GEN_NF, IOT_GEN_NFI, IOT_GEN_IEEE, IOT_GEN_XSF,
		                               IOT_GEN_SN };
	return i < G_N_ELEMENTS(order) ? order[i] : IOT_GEN_UNKNOWN;
}
