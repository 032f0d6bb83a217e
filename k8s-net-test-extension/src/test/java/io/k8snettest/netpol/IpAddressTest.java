package io.k8snettest.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP literals and CIDR math, parsed without any name lookup. */
class IpAddressTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "10.42.0.1, 0a2a0001",
            "::, 0",
            "::1, 1",
            "fd00::1, fd000000000000000000000000000001",
            "fd00:10:42:1::b, fd00001000420001000000000000000b",
            "1:2:3:4:5:6:7:8, 00010002000300040005000600070008",
            "::ffff:10.0.0.1, ffff0a000001",
            "FD00::A, fd00000000000000000000000000000a"})
    void parses(String literal, String hex) {
        assertThat(IpAddress.parse(literal, "test").bits()).isEqualTo(new BigInteger(hex, 16));
    }

    @ParameterizedTest(name = "bad input: \"{0}\"")
    @ValueSource(strings = {"10.0.0", "10.0.0.1.2", "01.2.3.4", "256.0.0.1", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3",
            ":::1", "12345::", ".:1", "fd00::g", "1:2:3:4:5:6:7::8:9", "localhost", "example.invalid", ""})
    void rejects(String literal) {
        assertThatThrownBy(() -> IpAddress.parse(literal, "origin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("origin: \"" + literal + "\" is not an IP address").hasMessageContaining("names are not resolved");
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.1, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.1/24, 10.0.0.200, true",
            "0.0.0.0/0, 192.0.2.1, true",
            "0.0.0.0/0, ::1, false",
            "::/0, 10.0.0.1, false",
            "fd00:10::/64, fd00:10::ffff, true",
            "fd00:10::/64, fd00:11::1, false",
            "f000::/4, fd00::1, true",
            "10.42.0.11/32, 10.42.0.11, true",
            "10.42.0.11/32, 10.42.0.12, false"})
    void cidrContains(String cidr, String address, boolean inside) {
        assertThat(Cidr.parse(cidr, "test").contains(IpAddress.parse(address, "test"))).isEqualTo(inside);
    }
}
