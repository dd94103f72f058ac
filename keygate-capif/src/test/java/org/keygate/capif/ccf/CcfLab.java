package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CsrRequester;
import org.keygate.capif.model.APIInvokerEnrolmentDetails;
import org.keygate.capif.model.APIProviderEnrolmentDetails;
import org.keygate.capif.model.APIProviderFunctionDetails;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.OnboardingInformation;
import org.keygate.capif.model.RegistrationInformation;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.Version;
import org.keygate.capif.store.CapifStore;
import org.keygate.capif.tls.CapifTls;

/** A CCF on loopback with one provider domain (AEF, APF, AMF) registered over the wire: the tests' starting point. */
final class CcfLab implements AutoCloseable {
    static final String REG_SEC = "lab-registration-secret-0123456789";
    final CcfCertificateAuthority ca;
    final CapifCoreFunction ccf;
    final int port;
    String aefId;
    String apfId;
    String amfId;
    String domId;
    SSLContext aef;
    SSLContext apf;
    SSLContext amf;

    CcfLab(CapifStore store, CcfCertificateAuthority ca, Capif1eSecrets secrets) throws Exception {
        this(store, ca, secrets, b -> b);
    }

    /** {@code more}: further settings of the CCF (metrics, retries). */
    CcfLab(CapifStore store, CcfCertificateAuthority ca, Capif1eSecrets secrets,
            java.util.function.UnaryOperator<CapifCoreFunction.Builder> more) throws Exception {
        this.ca = ca;
        this.ccf = more.apply(CapifCoreFunction.builder().bind(new InetSocketAddress("127.0.0.1", 0)).store(store)
                .ca(ca).registrationSecret(REG_SEC).capif1eSecrets(secrets)).build().start();
        this.port = ccf.localAddress().getPort();
    }

    static CcfCertificateAuthority newCa(Path dir) throws Exception {
        return CcfCertificateAuthority.openOrCreate(dir, "keygate test CCF", Duration.ofDays(1), Clock.systemUTC());
    }

    /** A party with no certificate yet (onboarding runs with server authentication only). */
    Wire anonymous(HttpClient.Version v) throws Exception {
        return Wire.of(CapifTls.context(null, List.of(), ca.certificate()), port, v);
    }

    Wire as(SSLContext ctx) {
        return Wire.of(ctx, port, HttpClient.Version.HTTP_2);
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    SSLContext context(CsrRequester r, String certPem) throws Exception {
        return CapifTls.context(r.keyPair().getPrivate(), List.of(cert(certPem)), ca.certificate());
    }

    void registerProvider() throws Exception {
        CsrRequester aefKey = CsrRequester.create("aef");
        CsrRequester apfKey = CsrRequester.create("apf");
        CsrRequester amfKey = CsrRequester.create("amf");
        var req = new APIProviderEnrolmentDetails(null, REG_SEC, List.of(
                new APIProviderFunctionDetails(null, new RegistrationInformation(aefKey.csrPem(), null),
                        ApiProviderFuncRole.AEF, "localhost"),
                new APIProviderFunctionDetails(null, new RegistrationInformation(apfKey.csrPem(), null),
                        ApiProviderFuncRole.APF, null),
                new APIProviderFunctionDetails(null, new RegistrationInformation(amfKey.csrPem(), null),
                        ApiProviderFuncRole.AMF, null)), "lab provider", null, null);
        Wire.Answer a = anonymous(HttpClient.Version.HTTP_2).send(Api.PROVIDER_MANAGEMENT, "POST",
                Api.PROVIDER_MANAGEMENT.root + "/registrations", req);
        assertThat(a.status()).isEqualTo(201);
        APIProviderEnrolmentDetails out = a.as(APIProviderEnrolmentDetails.class);
        domId = out.apiProvDomId();
        List<APIProviderFunctionDetails> fs = out.apiProvFuncs();
        aefId = fs.get(0).apiProvFuncId();
        apfId = fs.get(1).apiProvFuncId();
        amfId = fs.get(2).apiProvFuncId();
        aef = context(aefKey, fs.get(0).regInfo().apiProvCert());
        apf = context(apfKey, fs.get(1).regInfo().apiProvCert());
        amf = context(amfKey, fs.get(2).regInfo().apiProvCert());
    }

    /** Publishes "nef-demo" at the AEF on 127.0.0.1:{@code aefPort}/nef-demo with {@code methods}. */
    String publish(int aefPort, List<SecurityMethod> methods) throws Exception {
        var desc = new ServiceAPIDescription("nef-demo", null, List.of(new AefProfile(aefId,
                List.of(new Version("v1", null, List.of(new Resource("hello", "REQUEST_RESPONSE", "/hello",
                        List.of("GET"))))), "HTTP_1_1", "JSON", methods, null,
                List.of(InterfaceDescription.ipv4("127.0.0.1", aefPort, "/nef-demo", null)))),
                "a demo API", null, "demo", null, null);
        Wire.Answer a = as(apf).send(Api.PUBLISH, "POST", Api.PUBLISH.root + "/" + apfId + "/service-apis", desc);
        assertThat(a.status()).isEqualTo(201);
        return a.as(ServiceAPIDescription.class).apiId();
    }

    /** Onboards an invoker; its TLS context and ID. */
    Invoker onboard(String notificationDestination) throws Exception {
        CsrRequester key = CsrRequester.create("invoker");
        var req = new APIInvokerEnrolmentDetails(null, OnboardingInformation.request(key.csrPem()),
                notificationDestination, null, null, "keygate test invoker", null);
        Wire.Answer a = anonymous(HttpClient.Version.HTTP_1_1).send(Api.INVOKER_MANAGEMENT, "POST",
                Api.INVOKER_MANAGEMENT.root + "/onboardedInvokers", req);
        assertThat(a.status()).isEqualTo(201);
        var out = a.as(APIInvokerEnrolmentDetails.class);
        return new Invoker(out.apiInvokerId(), context(key, out.onboardingInformation().apiInvokerCertificate()),
                out.onboardingInformation().apiInvokerCertificate(), a.location());
    }

    record Invoker(String id, SSLContext tls, String certificatePem, String location) {}

    @Override
    public void close() {
        ccf.close();
    }

}
