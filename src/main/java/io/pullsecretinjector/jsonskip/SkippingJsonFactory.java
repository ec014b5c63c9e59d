package io.pullsecretinjector.jsonskip;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;

import java.io.IOException;

/**
 * A {@link JsonFactory} whose parsers over byte arrays skip unwanted arrays and objects without tokenizing them
 * ({@link SkippingJsonParser}). An AdmissionReview is mostly what the injector skips: {@code managedFields} alone is
 * 40–55% of the harness's typical and large reviews, and Jackson's own skip hashes every field name in it.
 *
 * <p>Only documents that start with an object ({@code {}, after optional whitespace) take the skipping parser; any
 * other start (a byte-order mark, UTF-16, not JSON at all) goes to Jackson's usual encoding detection and parser, so
 * what is reported for them does not change.
 */
public final class SkippingJsonFactory extends JsonFactory {

    public SkippingJsonFactory(JsonFactoryBuilder builder) {
        super(builder);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext context) throws IOException {
        if (startsWithObject(data, offset, offset + len)
                && Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
            context.setEncoding(JsonEncoding.UTF8);
            return new SkippingJsonParser(context, _parserFeatures, _objectCodec,
                    _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset, offset + len);
        }
        return super._createParser(data, offset, len, context);
    }

    private static boolean startsWithObject(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = data[i];
            if (c == '{') {
                return true;
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return false;
    }
}
