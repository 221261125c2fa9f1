// mobile-insecure-config: Android manifest/network-config, iOS ATS and WebView bridge settings that weaken an app (guideline 2.3c).
import { defineRule, type SourceFile } from '../server/src/engine';
import { scanManifest, scanNetworkSecurityConfig } from './shared/mobile-android';
import { scanInfoPlist } from './shared/mobile-ios';
import { mobileFileKind, type MobileIssue } from './shared/mobile-text';
import { scanWebViewBridges } from './shared/mobile-webview';
import { stringList } from './shared/options';

export default defineRule({
  meta: {
    id: 'mobile-insecure-config',
    description: 'Keep release builds of mobile apps on HTTPS, non-debuggable, out of backups and free of WebView bridges',
    guideline: ['2.3c'],
    defaultSeverity: 'warning',
    why: 'A payment app that allows plain HTTP, can be debugged, is copied into backups or exposes native code to web pages leaks session tokens and payment data to anyone on the network or holding the device.',
    howToFix: 'Turn the setting off in the release configuration (keep development exceptions in debug-only manifests or for local hosts), and pass data to web pages without a JavaScript bridge.',
    messages: {
      cleartextTraffic: 'The manifest allows cleartext (plain HTTP) traffic, so payment and session data can be read or altered by anyone on the network (guideline 2.3c).',
      debuggable: 'The release manifest sets `android:debuggable="true"`, which lets anyone holding the device attach a debugger and read keys, tokens and payment data (guideline 2.3c).',
      allowBackup: 'The manifest sets `android:allowBackup="true"`, so session tokens and cached payment data are copied into backups that can be extracted from the device (guideline 2.3c).',
      baseCleartext: 'The network security config permits cleartext traffic to every domain, so payment and session data may travel over plain HTTP (guideline 2.3c).',
      domainCleartext: 'The network security config permits cleartext traffic to `{{domain}}`, so data sent there travels over plain HTTP (guideline 2.3c).',
      arbitraryLoads: 'App Transport Security is switched off for every domain (arbitrary loads allowed), so the app may talk to servers over plain HTTP or weak TLS (guideline 2.3c).',
      arbitraryLoadsInWebContent: 'App Transport Security is switched off for web content, so pages in web views, checkout pages included, may load over plain HTTP (guideline 2.3c).',
      insecureException: 'The App Transport Security exception for `{{domain}}` allows plain HTTP loads, so data sent there can be read or altered on the network (guideline 2.3c).',
      javascriptInterface: 'A JavaScript bridge is added to a WebView with JavaScript enabled, so any page it loads, or script injected into one, can call the app\'s native code (guideline 2.3c).',
    },
    fixes: { useSafeValue: 'unsafe' },
    defaultOptions: { localDomains: [] },
    optionsSchema: {
      type: 'object',
      properties: {
        localDomains: {
          type: 'array',
          items: { type: 'string' },
          description: 'Extra development hosts (besides localhost, loopback addresses, 10.0.2.2 and 10.0.3.2) to which cleartext exceptions in network security configs and ATS exception domains are allowed.',
        },
      },
      additionalProperties: false,
    },
  },
  // Only Android manifests and network security configs, Info.plist files and Java/Kotlin sources are scanned.
  mayReport: (file) => mobileFileKind(file) !== undefined,
  create(context) {
    const localDomains = stringList(context.options.localDomains);
    return {
      text(file: SourceFile) {
        let issues: MobileIssue[];
        switch (mobileFileKind(file)) {
          case 'manifest':
            issues = scanManifest(file.text);
            break;
          case 'networkConfig':
            issues = scanNetworkSecurityConfig(file.text, localDomains);
            break;
          case 'plist':
            issues = scanInfoPlist(file.text, localDomains);
            break;
          case 'jvm':
            issues = scanWebViewBridges(file.text);
            break;
          default:
            return;
        }
        for (const issue of issues) {
          context.report({
            start: issue.start,
            end: issue.end,
            messageId: issue.messageId,
            data: issue.data,
            fixes: issue.fix ? [issue.fix] : [],
            fingerprintKey: issue.fingerprintKey,
          });
        }
      },
    };
  },
});
