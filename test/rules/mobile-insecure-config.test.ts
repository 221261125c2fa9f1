// Test table for mobile-insecure-config: Android manifests, network security configs, Info.plist ATS and WebView bridges.
import rule from '../../rules/mobile-insecure-config';
import { ruleTable } from '../helpers/rule-table';

const lines = (...l: string[]): string => l.join('\n');

const MANIFEST = 'app/src/main/AndroidManifest.xml';
const NSC = 'app/src/main/res/xml/network_security_config.xml';
const PLIST = 'ios/Shop/Info.plist';
const KT = 'app/src/main/java/com/shop/CheckoutActivity.kt';
const JAVA = 'app/src/main/java/com/shop/CheckoutActivity.java';

const manifest = (...attrs: string[]): string => lines(
  '<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.shop">',
  '    <application',
  '        android:label="@string/app_name"',
  ...attrs.map((a) => `        ${a}`),
  '        android:icon="@mipmap/ic_launcher">',
  '    </application>',
  '</manifest>',
);

const nsc = (...body: string[]): string => lines('<?xml version="1.0" encoding="utf-8"?>', '<network-security-config>', ...body, '</network-security-config>');

const plist = (...ats: string[]): string => lines(
  '<plist version="1.0">',
  '<dict>',
  '\t<key>NSAppTransportSecurity</key>',
  '\t<dict>',
  ...ats.map((a) => `\t\t${a}`),
  '\t</dict>',
  '</dict>',
  '</plist>',
);

const exceptionDomain = (domain: string, key = 'NSExceptionAllowsInsecureHTTPLoads'): string[] => [
  '<key>NSExceptionDomains</key>',
  '<dict>',
  `\t<key>${domain}</key>`,
  '\t<dict>',
  '\t\t<key>NSIncludesSubdomains</key>',
  '\t\t<true/>',
  `\t\t<key>${key}</key>`,
  '\t\t<true/>',
  '\t</dict>',
  '</dict>',
];

const kotlinActivity = (...body: string[]): string => lines(
  'class CheckoutActivity : AppCompatActivity() {',
  '    override fun onCreate(savedInstanceState: Bundle?) {',
  '        super.onCreate(savedInstanceState)',
  '        val webView = WebView(this)',
  ...body.map((b) => `        ${b}`),
  '    }',
  '}',
);

const javaActivity = (...body: string[]): string => lines(
  'public class CheckoutActivity extends Activity {',
  '    @Override',
  '    protected void onCreate(Bundle state) {',
  '        WebView webView = new WebView(this);',
  ...body.map((b) => `        ${b}`),
  '    }',
  '}',
);

ruleTable(rule, {
  valid: [
    // Android manifests: safe values, placeholders, debug-only and test manifests, commented-out attributes.
    { code: manifest('android:usesCleartextTraffic="false"', 'android:allowBackup="false"', 'android:debuggable="false"'), path: MANIFEST },
    { code: manifest('android:debuggable="${debuggable}"', 'android:allowBackup="@bool/allow_backup"'), path: MANIFEST },
    { code: manifest('android:usesCleartextTraffic="true"', 'android:debuggable="true"'), path: 'app/src/debug/AndroidManifest.xml' },
    { code: manifest('android:usesCleartextTraffic="true"'), path: 'app/src/freeDebug/AndroidManifest.xml' },
    { code: manifest('android:allowBackup="true"'), path: 'app/src/androidTest/AndroidManifest.xml' },
    {
      code: lines(
        '<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.shop">',
        '    <!-- android:usesCleartextTraffic="true" was needed for the old mock gateway -->',
        '    <application android:label="@string/app_name" />',
        '</manifest>',
      ),
      path: MANIFEST,
    },
    { code: manifest('tools:allowBackup="true"'), path: MANIFEST, name: 'a tools: attribute is a build directive, not the android setting' },
    // Network security configs: refused cleartext, local development hosts, trust anchors only.
    { code: nsc('    <base-config cleartextTrafficPermitted="false" />'), path: NSC },
    {
      code: nsc(
        '    <domain-config cleartextTrafficPermitted="true">',
        '        <domain includeSubdomains="false">localhost</domain>',
        '        <domain includeSubdomains="false">10.0.2.2</domain>',
        '        <domain includeSubdomains="false">127.0.0.1</domain>',
        '    </domain-config>',
      ),
      path: NSC,
    },
    {
      code: nsc(
        '    <domain-config cleartextTrafficPermitted="true">',
        '        <domain>dev-gateway.lan</domain>',
        '    </domain-config>',
      ),
      path: NSC,
      config: { rules: { 'mobile-insecure-config': ['warning', { localDomains: ['dev-gateway.lan'] }] } },
      name: 'a team-configured development host',
    },
    {
      code: nsc(
        '    <domain-config cleartextTrafficPermitted="true">',
        '        <domain>localhost</domain>',
        '        <domain-config cleartextTrafficPermitted="false">',
        '            <domain>pay.example.com</domain>',
        '        </domain-config>',
        '    </domain-config>',
      ),
      path: NSC,
      name: 'a nested domain-config refusing cleartext for a remote host',
    },
    { code: nsc('    <base-config cleartextTrafficPermitted="true" />'), path: 'app/src/debug/res/xml/network_security_config.xml' },
    // iOS: ATS on, local networking only, exceptions for local hosts, a different plist.
    { code: plist('<key>NSAllowsArbitraryLoads</key>', '<false/>', '<key>NSAllowsLocalNetworking</key>', '<true/>'), path: PLIST },
    { code: plist(...exceptionDomain('localhost')), path: PLIST },
    { code: plist('<!-- <key>NSAllowsArbitraryLoads</key><true/> -->', '<key>NSAllowsLocalNetworking</key>', '<true/>'), path: PLIST },
    {
      code: plist('<key>NSExceptionDomains</key>', '<dict>', '\t<key>pay.example.com</key>', '\t<dict>', '\t\t<key>NSExceptionMinimumTLSVersion</key>', '\t\t<string>TLSv1.2</string>', '\t</dict>', '</dict>'),
      path: PLIST,
    },
    { code: lines('<plist version="1.0">', '<dict>', '\t<key>NSAllowsArbitraryLoads</key>', '\t<true/>', '</dict>', '</plist>'), path: PLIST, name: 'the key outside NSAppTransportSecurity has no effect' },
    { code: plist('<key>NSAllowsArbitraryLoads</key>', '<true/>'), path: 'ios/ShopTests/Info.plist' },
    // Java/Kotlin: no JavaScript, JavaScript without a bridge, bridges only in comments or strings, tests.
    { code: kotlinActivity('webView.settings.javaScriptEnabled = false', 'webView.addJavascriptInterface(Bridge(), "Bridge")'), path: KT },
    { code: kotlinActivity('webView.settings.javaScriptEnabled = true', 'webView.loadUrl("https://pay.example.com/checkout")'), path: KT },
    { code: kotlinActivity('webView.settings.javaScriptEnabled = true', '// webView.addJavascriptInterface(Bridge(), "Bridge")', 'Log.d(TAG, "no addJavascriptInterface here")'), path: KT },
    { code: javaActivity('webView.getSettings().setJavaScriptEnabled(BuildConfig.DEBUG);', 'webView.addJavascriptInterface(new Bridge(), "Bridge");'), path: JAVA },
    {
      code: kotlinActivity('webView.settings.javaScriptEnabled = true', 'WebViewCompat.addWebMessageListener(webView, "shop", setOf("https://pay.example.com"), listener)'),
      path: KT,
      name: 'an origin-restricted web message listener instead of a bridge',
    },
    { code: kotlinActivity('webView.settings.javaScriptEnabled = true', 'webView.addJavascriptInterface(Bridge(), "Bridge")'), path: 'app/src/test/java/com/shop/CheckoutActivityTest.kt' },
    {
      code: lines(
        'class SafeWebView(context: Context) : WebView(context) {',
        '    init { settings.javaScriptEnabled = true }',
        '    override fun addJavascriptInterface(obj: Any, name: String) = Unit',
        '}',
      ),
      path: KT,
      name: 'a subclass overriding the method is not a call',
    },
    { code: 'webView.settings.javaScriptEnabled = true\nwebView.addJavascriptInterface(Bridge(), "Bridge")', path: 'web/src/bridge.md' },
  ],
  invalid: [
    // AndroidManifest.xml attributes, each reported at the attribute with a flip to "false".
    {
      code: manifest('android:usesCleartextTraffic="true"'),
      path: MANIFEST,
      errors: [{ messageId: 'cleartextTraffic', line: 4, column: 9 }],
      fixes: { useSafeValue: manifest('android:usesCleartextTraffic="false"') },
    },
    {
      code: manifest('android:debuggable="true"'),
      path: MANIFEST,
      errors: [{ messageId: 'debuggable', line: 4, column: 9, severity: 'warning' }],
      fixes: { useSafeValue: manifest('android:debuggable="false"') },
    },
    {
      code: manifest('android:allowBackup="true"'),
      path: MANIFEST,
      errors: [{ messageId: 'allowBackup', line: 4, column: 9 }],
      fixes: { useSafeValue: manifest('android:allowBackup="false"') },
    },
    {
      code: '<manifest xmlns:a="http://schemas.android.com/apk/res/android"><application a:debuggable=\'true\' a:allowBackup="TRUE"/></manifest>',
      path: 'AndroidManifest.xml',
      name: 'another namespace prefix, single quotes, upper case, two findings on one line',
      errors: [{ messageId: 'debuggable', line: 1, column: 77 }, { messageId: 'allowBackup', line: 1, column: 97 }],
      fixes: {
        useSafeValue: [
          '<manifest xmlns:a="http://schemas.android.com/apk/res/android"><application a:debuggable=\'false\' a:allowBackup="TRUE"/></manifest>',
          '<manifest xmlns:a="http://schemas.android.com/apk/res/android"><application a:debuggable=\'true\' a:allowBackup="false"/></manifest>',
        ],
      },
    },
    {
      code: manifest('android:allowBackup="false"', 'android:usesCleartextTraffic = "true"', 'android:networkSecurityConfig="@xml/network_security_config"'),
      path: 'app/src/release/AndroidManifest.xml',
      errors: [{ messageId: 'cleartextTraffic', line: 5, column: 9 }],
      fixes: { useSafeValue: manifest('android:allowBackup="false"', 'android:usesCleartextTraffic = "false"', 'android:networkSecurityConfig="@xml/network_security_config"') },
    },
    // Network security configs.
    {
      code: nsc('    <base-config cleartextTrafficPermitted="true">', '        <trust-anchors><certificates src="system" /></trust-anchors>', '    </base-config>'),
      path: NSC,
      errors: [{ messageId: 'baseCleartext', line: 3, column: 18 }],
      fixes: { useSafeValue: nsc('    <base-config cleartextTrafficPermitted="false">', '        <trust-anchors><certificates src="system" /></trust-anchors>', '    </base-config>') },
    },
    {
      code: nsc('    <domain-config cleartextTrafficPermitted="true">', '        <domain includeSubdomains="true">api.codepay.example</domain>', '    </domain-config>'),
      path: NSC,
      errors: [{ messageId: 'domainCleartext', line: 3, column: 20 }],
      fixes: { useSafeValue: nsc('    <domain-config cleartextTrafficPermitted="false">', '        <domain includeSubdomains="true">api.codepay.example</domain>', '    </domain-config>') },
    },
    {
      code: nsc(
        '    <domain-config cleartextTrafficPermitted="true">',
        '        <domain>10.0.2.2</domain>',
        '        <domain-config>',
        '            <domain>legacy-pay.example.com</domain>',
        '        </domain-config>',
        '    </domain-config>',
      ),
      path: 'app/src/main/res/xml/nsc_release.xml',
      name: 'a nested domain-config inheriting cleartext for a remote host',
      errors: [{ messageId: 'domainCleartext', line: 3, column: 20 }],
      fixes: {
        useSafeValue: nsc(
          '    <domain-config cleartextTrafficPermitted="false">',
          '        <domain>10.0.2.2</domain>',
          '        <domain-config>',
          '            <domain>legacy-pay.example.com</domain>',
          '        </domain-config>',
          '    </domain-config>',
        ),
      },
    },
    // Info.plist App Transport Security.
    {
      code: plist('<key>NSAllowsArbitraryLoads</key>', '<true/>'),
      path: PLIST,
      errors: [{ messageId: 'arbitraryLoads', line: 5, column: 3 }],
      fixes: { useSafeValue: plist('<key>NSAllowsArbitraryLoads</key>', '<false/>') },
    },
    {
      code: plist('<key>NSAllowsArbitraryLoads</key>', '<true />', '<key>NSAllowsLocalNetworking</key>', '<true/>'),
      path: 'ios/App/App/Info.plist',
      name: 'local networking does not excuse arbitrary loads (older iOS versions honour them)',
      errors: [{ messageId: 'arbitraryLoads', line: 5, column: 3 }],
      fixes: { useSafeValue: plist('<key>NSAllowsArbitraryLoads</key>', '<false/>', '<key>NSAllowsLocalNetworking</key>', '<true/>') },
    },
    {
      code: plist('<key>NSAllowsArbitraryLoadsInWebContent</key>', '<true/>'),
      path: PLIST,
      errors: [{ messageId: 'arbitraryLoadsInWebContent', line: 5, column: 3 }],
      fixes: { useSafeValue: plist('<key>NSAllowsArbitraryLoadsInWebContent</key>', '<false/>') },
    },
    {
      code: plist(...exceptionDomain('pay.example.com')),
      path: PLIST,
      errors: [{ messageId: 'insecureException', line: 11, column: 5 }],
      fixes: {
        useSafeValue: plist(...exceptionDomain('pay.example.com').map((l, i) => (i === 7 ? '\t\t<false/>' : l))),
      },
    },
    {
      code: plist(...exceptionDomain('legacy.example.com', 'NSTemporaryExceptionAllowsInsecureHTTPLoads')),
      path: 'ios/Shop/Supporting Files/Info.plist',
      errors: [{ messageId: 'insecureException', line: 11, column: 5 }],
      fixes: {
        useSafeValue: plist(...exceptionDomain('legacy.example.com', 'NSTemporaryExceptionAllowsInsecureHTTPLoads').map((l, i) => (i === 7 ? '\t\t<false/>' : l))),
      },
    },
    // WebView bridges in Kotlin and Java, reported at the call.
    {
      code: kotlinActivity('webView.settings.javaScriptEnabled = true', 'webView.addJavascriptInterface(PaymentBridge(), "CodePayBridge")'),
      path: KT,
      errors: [{ messageId: 'javascriptInterface', line: 6, column: 9 }],
    },
    {
      code: kotlinActivity('binding.webView.settings.apply {', '    javaScriptEnabled = true', '}', 'binding.webView?.addJavascriptInterface(PaymentBridge(), "Bridge")'),
      path: KT,
      errors: [{ messageId: 'javascriptInterface', line: 8, column: 9 }],
    },
    {
      code: javaActivity('WebSettings settings = webView.getSettings();', 'settings.setJavaScriptEnabled( true );', 'webView.addJavascriptInterface(new PaymentBridge(this), "Android");'),
      path: JAVA,
      errors: [{ messageId: 'javascriptInterface', line: 7, column: 9 }],
    },
    {
      code: lines(
        'public class CheckoutFragment extends Fragment {',
        '    void setUp() {',
        '        getWebView().getSettings().setJavaScriptEnabled(true);',
        '        getWebView()',
        '            .addJavascriptInterface(bridge, "Pay");',
        '        addJavascriptInterface(other, "Other");',
        '    }',
        '}',
      ),
      path: 'app/src/main/java/com/shop/CheckoutFragment.java',
      name: 'a receiver chain across lines and an unqualified call',
      errors: [{ messageId: 'javascriptInterface', line: 4, column: 9 }, { messageId: 'javascriptInterface', line: 6, column: 9 }],
    },
    {
      code: kotlinActivity('webView.settings.javaScriptEnabled = true', 'webView.addJavascriptInterface(PaymentBridge(), "Bridge"'),
      path: KT,
      name: 'a call still being typed',
      errors: [{ messageId: 'javascriptInterface', line: 6, column: 9 }],
    },
  ],
});
