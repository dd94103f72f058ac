package org.keygate.ims.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaRolesTest {
    @Test
    void answersFollowRfc4145AndRfc6135() {
        assertThat(MediaRoles.answer(TcpMediaProto.MSRP, Setup.ACTPASS)).isEqualTo(Setup.PASSIVE);
        assertThat(MediaRoles.answer(TcpMediaProto.MSRP, Setup.ACTIVE)).isEqualTo(Setup.PASSIVE);
        assertThat(MediaRoles.answer(TcpMediaProto.MSRP, Setup.PASSIVE)).isEqualTo(Setup.ACTIVE);
        // RFC 6135 4.2.1: holdconn is treated as if a=setup were absent, i.e. active
        assertThat(MediaRoles.answer(TcpMediaProto.MSRP, Setup.HOLDCONN)).isEqualTo(Setup.PASSIVE);
        assertThatThrownBy(() -> MediaRoles.answer(TcpMediaProto.BFCP, Setup.HOLDCONN)).isInstanceOf(SdpException.class);
    }

    @Test
    void msrpActivePartyIsTlsClient() {
        // offerer actpass, answerer passive: the offerer connects and is TLS client (RFC 6135 4.3)
        assertThat(MediaRoles.roles(TcpMediaProto.MSRP, true, Setup.ACTPASS, Setup.PASSIVE)).isEqualTo(new MediaRoles.Roles(true, true));
        assertThat(MediaRoles.roles(TcpMediaProto.MSRP, false, Setup.ACTPASS, Setup.PASSIVE)).isEqualTo(new MediaRoles.Roles(false, false));
        // answerer active: the answerer connects and is TLS client
        assertThat(MediaRoles.roles(TcpMediaProto.MSRP, false, Setup.ACTPASS, Setup.ACTIVE)).isEqualTo(new MediaRoles.Roles(true, true));
        assertThat(MediaRoles.roles(TcpMediaProto.MSRP, true, Setup.ACTPASS, Setup.ACTIVE)).isEqualTo(new MediaRoles.Roles(false, false));
    }

    @Test
    void bfcpAnswererIsTlsServerWhateverItsTcpRole() {
        // RFC 4583 8: answerer active (TCP client) is still TLS server
        assertThat(MediaRoles.roles(TcpMediaProto.BFCP, false, Setup.ACTPASS, Setup.ACTIVE)).isEqualTo(new MediaRoles.Roles(true, false));
        assertThat(MediaRoles.roles(TcpMediaProto.BFCP, true, Setup.ACTPASS, Setup.ACTIVE)).isEqualTo(new MediaRoles.Roles(false, true));
        assertThat(MediaRoles.roles(TcpMediaProto.BFCP, false, Setup.ACTPASS, Setup.PASSIVE)).isEqualTo(new MediaRoles.Roles(false, false));
        assertThat(MediaRoles.roles(TcpMediaProto.BFCP, true, Setup.ACTPASS, Setup.PASSIVE)).isEqualTo(new MediaRoles.Roles(true, true));
    }

    @Test
    void inconsistentSetupsAreRefused() {
        assertThatThrownBy(() -> MediaRoles.roles(TcpMediaProto.MSRP, true, Setup.ACTIVE, Setup.ACTIVE)).isInstanceOf(SdpException.class);
        assertThatThrownBy(() -> MediaRoles.roles(TcpMediaProto.MSRP, true, Setup.PASSIVE, Setup.PASSIVE)).isInstanceOf(SdpException.class);
        assertThatThrownBy(() -> MediaRoles.roles(TcpMediaProto.BFCP, true, Setup.ACTPASS, Setup.ACTPASS)).isInstanceOf(SdpException.class);
    }
}
