package dev.headroom.load.session;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** RFC 6265's storage and sending rules, with the examples of its section 3.1 where it gives them. */
class CookieJarTest {
    private static final long NOW = 1_000_000_000_000L;
    private final CookieJar jar = new CookieJar();

    @Test
    void rfcSection31_aSessionCookieIsSentBack() {
        jar.receive("SID=31d4d96e407aad42", "www.example.com", "/", NOW);
        assertThat(jar.header("www.example.com", "/", false, NOW)).isEqualTo("SID=31d4d96e407aad42");
    }

    @Test
    void rfcSection31_secureCookiesGoOnlyOverHttps_andADomainCookieToSubdomains() {
        jar.receive("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly", "www.example.com", "/", NOW);
        jar.receive("lang=en-US; Path=/; Domain=example.com", "www.example.com", "/", NOW);
        assertThat(jar.header("www.example.com", "/", true, NOW)).isEqualTo("SID=31d4d96e407aad42; lang=en-US");
        assertThat(jar.header("www.example.com", "/", false, NOW)).isEqualTo("lang=en-US");
        assertThat(jar.header("shop.example.com", "/", true, NOW)).isEqualTo("lang=en-US");
        assertThat(jar.header("example.org", "/", true, NOW)).isEmpty();
    }

    @Test
    void rfcSection31_anExpiryInThePastDeletesTheCookie() {
        jar.receive("lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT", "www.example.com", "/", NOW);
        assertThat(jar.header("www.example.com", "/", false, NOW)).isEqualTo("lang=en-US");
        jar.receive("lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT", "www.example.com", "/", NOW);
        assertThat(jar.header("www.example.com", "/", false, NOW)).isEmpty();
        assertThat(jar.cookies()).isEmpty();
    }

    @Test
    void aHostOnlyCookie_isNotSentToASubdomain() {
        jar.receive("a=1", "example.com", "/", NOW);
        assertThat(jar.header("example.com", "/", false, NOW)).isEqualTo("a=1");
        assertThat(jar.header("www.example.com", "/", false, NOW)).isEmpty();
    }

    @Test
    void aDomainTheHostDoesNotMatch_isRefused_andAnIpAddressIsNoDomainsSubdomain() {
        jar.receive("a=1; Domain=other.com", "www.example.com", "/", NOW);
        jar.receive("b=2; Domain=ample.com", "www.example.com", "/", NOW);
        jar.receive("c=3; Domain=0.0.1", "127.0.0.1", "/", NOW);
        jar.receive("d=4; Domain=.Example.COM", "www.example.com", "/", NOW);
        assertThat(jar.cookies()).extracting(CookieJar.Cookie::name).containsExactly("d");
        assertThat(jar.cookies().get(0).domain()).isEqualTo("example.com");
    }

    @Test
    void theDefaultPath_isTheRequestsDirectory_andPathsMatchAtSlashes() {
        jar.receive("a=1", "h", "/docs/web/page?x=/y", NOW);
        assertThat(jar.cookies().get(0).path()).isEqualTo("/docs/web");
        assertThat(jar.header("h", "/docs/web", false, NOW)).isEqualTo("a=1");
        assertThat(jar.header("h", "/docs/web/other", false, NOW)).isEqualTo("a=1");
        assertThat(jar.header("h", "/docs/webx", false, NOW)).isEmpty();
        assertThat(jar.header("h", "/docs", false, NOW)).isEmpty();
        assertThat(CookieJar.defaultPath("/login")).isEqualTo("/");
        assertThat(CookieJar.defaultPath("")).isEqualTo("/");
    }

    @Test
    void maxAge_expiresTheCookie_takesPrecedenceOverExpires_andZeroDeletes() {
        jar.receive("a=1; Max-Age=1; Expires=Sun, 06 Nov 1994 08:49:37 GMT", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW + 999)).isEqualTo("a=1");
        assertThat(jar.header("h", "/", false, NOW + 1000)).isEmpty();
        jar.receive("b=2; Max-Age=60", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW)).isEqualTo("a=1; b=2");
        jar.receive("b=2; Max-Age=0", "h", "/", NOW);
        assertThat(jar.header("h", "/", false, NOW)).isEqualTo("a=1");
    }

    @Test
    void aCookieWithTheSameNameDomainAndPath_isReplaced_andLongerPathsGoFirst() {
        jar.receive("s=old; Path=/", "h", "/", NOW);
        jar.receive("t=deep; Path=/shop/basket", "h", "/", NOW);
        jar.receive("s=new; Path=/", "h", "/", NOW);
        jar.receive("s=other-path; Path=/shop", "h", "/", NOW);
        assertThat(jar.header("h", "/shop/basket/1", false, NOW)).isEqualTo("t=deep; s=other-path; s=new");
    }

    @Test
    void aSetCookieWithoutEqualsOrName_isIgnored() {
        jar.receive("justtext", "h", "/", NOW);
        jar.receive("=v", "h", "/", NOW);
        assertThat(jar.cookies()).isEmpty();
    }

    @Test
    void cookieDates_inTheFormatsServersSend() {
        long expected = 784_111_777_000L;
        assertThat(CookieDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(expected);
        assertThat(CookieDate.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(expected);
        assertThat(CookieDate.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(expected);
        assertThat(CookieDate.parse("not a date")).isEqualTo(CookieDate.INVALID);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("ab/").ofMaxLength(10).map(s -> "/" + s);
    }

    /** Whatever the request path, a cookie its response sets without Path is sent back to that path. */
    @Property
    void aCookieIsSentBackToThePathThatSetIt(@ForAll("paths") String path, @ForAll("paths") String other) {
        CookieJar j = new CookieJar();
        j.receive("k=v", "h", path, NOW);
        assertThat(j.header("h", path, false, NOW)).isEqualTo("k=v");
        String dir = CookieJar.defaultPath(path);
        boolean under = other.equals(dir) || other.startsWith(dir.endsWith("/") ? dir : dir + "/");
        assertThat(j.header("h", other, false, NOW).isEmpty()).isEqualTo(!under);
    }
}
