// Shows the CodePay hosted cashier in a WebView and hands the result back to the app.
package com.acmeoutdoor.shop

import android.annotation.SuppressLint
import android.os.Bundle
import android.webkit.JavascriptInterface
import android.webkit.WebView
import android.webkit.WebViewClient
import androidx.appcompat.app.AppCompatActivity

class CheckoutWebViewActivity : AppCompatActivity() {

    // BAD (secret-in-client-code, hardcoded-secret): the merchant key ships inside every APK; `apktool` reveals it.
    private val codePayMerchantKey = "6qHoQE9Z2yh6HWivMAyid2fe0qoFDhq1"

    // GOOD: the app only knows the publishable key; orders are signed by our server.
    private val stripePublishableKey = "pk_live_6FXtFFtFEOKKEDgPpewdXyxI"

    @SuppressLint("SetJavaScriptEnabled")
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val webView = WebView(this)
        setContentView(webView)
        webView.webViewClient = WebViewClient()
        webView.settings.javaScriptEnabled = true
        // BAD (mobile-insecure-config): any page loaded in this WebView can call the bridge and read the key.
        webView.addJavascriptInterface(PaymentBridge(codePayMerchantKey), "CodePayBridge")
        // GOOD: only our HTTPS checkout URL, created by the server for this order.
        webView.loadUrl(intent.getStringExtra("cashierUrl") ?: "https://shop.acme-outdoor.com/checkout")
    }

    private class PaymentBridge(private val merchantKey: String) {
        @JavascriptInterface
        fun merchantKey(): String = merchantKey
    }
}
