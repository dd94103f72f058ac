package org.keygate.capif.provider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.keygate.capif.ca.CsrRequester;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.client.CcfSession;
import org.keygate.capif.model.APIProviderEnrolmentDetails;
import org.keygate.capif.model.APIProviderFunctionDetails;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.RegistrationInformation;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.tls.jsse.TlsKeyMaterial;

/** A registered API provider domain: one AEF, one APF and one AMF. */
public record ProviderDomain(String domainId, ProviderFunction aef, ProviderFunction apf, ProviderFunction amf) {

    /**
     * Registers a domain with the CCF (TS 29.222 8.9.2.2.3.1): server-authenticated TLS, {@code regSec}, a fresh
     * key and CSR per function. {@code aefHostName} goes into the AEF's certificate (its CAPIF-2e server name).
     */
    public static ProviderDomain register(CcfEndpoint ccf, String regSec, String aefHostName)
            throws CapifCallException, GeneralSecurityException {
        List<ApiProviderFuncRole> roles = List.of(ApiProviderFuncRole.AEF, ApiProviderFuncRole.APF,
                ApiProviderFuncRole.AMF);
        List<CsrRequester> keys = new ArrayList<>();
        List<APIProviderFunctionDetails> req = new ArrayList<>();
        for (ApiProviderFuncRole r : roles) {
            CsrRequester k = CsrRequester.create(r.value());
            keys.add(k);
            req.add(new APIProviderFunctionDetails(null, new RegistrationInformation(k.csrPem(), null), r,
                    r.equals(ApiProviderFuncRole.AEF) ? aefHostName : null));
        }
        APIProviderEnrolmentDetails out;
        try (CcfSession s = CcfSession.open(ccf, null, false)) {
            out = s.expect("provider registration", "POST", "/api-provider-management/v1/registrations",
                    new APIProviderEnrolmentDetails(null, regSec, req, "keygate provider domain", null, null), 201,
                    APIProviderEnrolmentDetails.class);
        }
        List<ProviderFunction> fs = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            APIProviderFunctionDetails d = out.apiProvFuncs().get(i);
            X509Certificate cert = certificate(d.regInfo().apiProvCert());
            fs.add(new ProviderFunction(d.apiProvFuncId(), d.apiProvFuncRole(),
                    new TlsKeyMaterial(keys.get(i).keyPair().getPrivate(), List.of(cert, ccf.ca()))));
        }
        return new ProviderDomain(out.apiProvDomId(), fs.get(0), fs.get(1), fs.get(2));
    }

    /** The APF publishes {@code api} (TS 29.222 8.2.2.2.3.1); the published description with its apiId. */
    public ServiceAPIDescription publish(CcfEndpoint ccf, ServiceAPIDescription api) throws CapifCallException {
        try (CcfSession s = CcfSession.open(ccf, apf.tls(), false)) {
            return s.expect("publish", "POST", "/published-apis/v1/" + apf.id() + "/service-apis", api, 201,
                    ServiceAPIDescription.class);
        }
    }

    /** The APF replaces a published API (TS 29.222 8.2.2.3.3.2), e.g. when its AEF moved to another port. */
    public ServiceAPIDescription update(CcfEndpoint ccf, String apiId, ServiceAPIDescription api)
            throws CapifCallException {
        try (CcfSession s = CcfSession.open(ccf, apf.tls(), false)) {
            return s.expect("update published API", "PUT", "/published-apis/v1/" + apf.id() + "/service-apis/" + apiId,
                    api, 200, ServiceAPIDescription.class);
        }
    }

    static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
