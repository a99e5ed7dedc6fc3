package dev.skald.schemas.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Skald's plain JSON encoding of Avro records, for services without an Avro library: a record is a JSON object with
 * its fields by name, a nullable field is {@code null} or its value (no union wrapping), an enum is its symbol, a
 * {@code timestamp-millis} is a number of milliseconds, bytes are base64 text.
 *
 * <p>Reading is lenient where it cannot be ambiguous: a missing field takes its schema default, an unknown field is
 * ignored, an enum symbol the schema does not know becomes the enum's default, and a string field given any other
 * JSON value (an object, say, for a {@code payload}) holds that value's JSON text. Everything else that does not fit
 * the schema is an {@link IllegalArgumentException} naming the field's path.
 */
public final class PlainJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .setNodeFactory(NODES);
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private PlainJson() {
    }

    /** Whether a record's bytes are JSON rather than Confluent-framed Avro: the first non-blank byte is '{'. */
    public static boolean looksLikeJson(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b == '{';
            }
        }
        return false;
    }

    /** The JSON text of a record (specific or generic). */
    public static byte[] write(IndexedRecord record) {
        try {
            return MAPPER.writeValueAsBytes(toJson(raw(record), record.getSchema()));
        } catch (IOException e) {
            throw new IllegalStateException("Could not write " + record.getSchema().getFullName() + " as JSON", e);
        }
    }

    /**
     * The Avro binary body, in {@code schema}, of a JSON object.
     *
     * @throws IllegalArgumentException if the bytes are not JSON or the JSON does not fit the schema
     */
    public static byte[] toAvroBinary(byte[] data, int offset, int length, Schema schema) {
        JsonNode root;
        try {
            root = MAPPER.readTree(data, offset, length);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        Object generic = fromJson(root, schema, "$");
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema, GenericData.get()).write(generic, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new IllegalStateException("Could not encode JSON as " + schema.getFullName(), e);
        }
        return out.toByteArray();
    }

    /** The record with logical-type values (instants, decimals) in their Avro raw types, by a binary round trip. */
    private static Object raw(IndexedRecord record) throws IOException {
        Schema schema = record.getSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        SpecificData model = SpecificData.getForSchema(schema);
        new SpecificDatumWriter<IndexedRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<>(schema, schema, new GenericData())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static JsonNode toJson(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return NODES.numberNode(DECIMALS.fromBytes(((ByteBuffer) value).duplicate(), schema, decimal));
        }
        return switch (schema.getType()) {
            case RECORD -> recordToJson((IndexedRecord) value, schema);
            case UNION -> toJson(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case ARRAY -> arrayToJson((Iterable<?>) value, schema.getElementType());
            case MAP -> mapToJson((Map<?, ?>) value, schema.getValueType());
            case ENUM, STRING -> NODES.textNode(value.toString());
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(bytes(value)));
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericData.Fixed) value).bytes()));
            case INT -> NODES.numberNode(((Number) value).intValue());
            case LONG -> NODES.numberNode(((Number) value).longValue());
            case FLOAT -> NODES.numberNode(((Number) value).floatValue());
            case DOUBLE -> NODES.numberNode(((Number) value).doubleValue());
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case NULL -> NODES.nullNode();
        };
    }

    private static ObjectNode recordToJson(IndexedRecord record, Schema schema) {
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        return node;
    }

    private static ArrayNode arrayToJson(Iterable<?> values, Schema element) {
        ArrayNode node = NODES.arrayNode();
        values.forEach(v -> node.add(toJson(v, element)));
        return node;
    }

    private static ObjectNode mapToJson(Map<?, ?> values, Schema valueSchema) {
        ObjectNode node = NODES.objectNode();
        values.forEach((k, v) -> node.set(k.toString(), toJson(v, valueSchema)));
        return node;
    }

    private static byte[] bytes(Object value) {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        return copy;
    }

    private static Object fromJson(JsonNode node, Schema schema, String path) {
        if (schema.getType() == Schema.Type.BYTES && schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return decimalFromJson(node, schema, decimal, path);
        }
        return switch (schema.getType()) {
            case RECORD -> recordFromJson(node, schema, path);
            case UNION -> unionFromJson(node, schema, path);
            case ARRAY -> arrayFromJson(node, schema.getElementType(), path);
            case MAP -> mapFromJson(node, schema.getValueType(), path);
            case ENUM -> enumFromJson(node, schema, path);
            case STRING -> stringFromJson(node, path);
            case BYTES -> ByteBuffer.wrap(base64(node, path));
            case FIXED -> new GenericData.Fixed(schema, base64(node, path));
            case INT -> intFromJson(node, path);
            case LONG -> longFromJson(node, path);
            case FLOAT -> (float) number(node, path).doubleValue();
            case DOUBLE -> number(node, path).doubleValue();
            case BOOLEAN -> booleanFromJson(node, path);
            case NULL -> nullFromJson(node, path);
        };
    }

    private static ByteBuffer decimalFromJson(JsonNode node, Schema schema, LogicalTypes.Decimal decimal,
                                              String path) {
        try {
            BigDecimal value = node.isTextual() ? new BigDecimal(node.textValue()) : decimal(node, path);
            return DECIMALS.toBytes(value.setScale(decimal.getScale()), schema, decimal);
        } catch (ArithmeticException | NumberFormatException e) {
            throw problem(path, "a decimal number with at most " + decimal.getScale() + " decimal places", node);
        }
    }

    private static GenericData.Record recordFromJson(JsonNode node, Schema schema, String path) {
        if (!node.isObject()) {
            throw problem(path, "a JSON object (" + schema.getName() + ")", node);
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            String fieldPath = path + "." + field.name();
            JsonNode value = node.get(field.name());
            if (value == null || (value.isNull() && !field.schema().isNullable() && field.hasDefaultValue())) {
                if (!field.hasDefaultValue()) {
                    throw new IllegalArgumentException(fieldPath + ": missing, and " + schema.getName()
                            + " requires it");
                }
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else {
                record.put(field.pos(), fromJson(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private static Object unionFromJson(JsonNode node, Schema union, String path) {
        if (node.isNull() && union.isNullable()) {
            return null;
        }
        List<String> refused = new ArrayList<>();
        for (Schema branch : union.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            try {
                return fromJson(node, branch, path);
            } catch (IllegalArgumentException e) {
                refused.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException(path + ": fits no branch of " + union + ": " + refused);
    }

    private static List<Object> arrayFromJson(JsonNode node, Schema element, String path) {
        if (!node.isArray()) {
            throw problem(path, "a JSON array", node);
        }
        List<Object> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(fromJson(node.get(i), element, path + "[" + i + "]"));
        }
        return values;
    }

    private static Map<String, Object> mapFromJson(JsonNode node, Schema valueSchema, String path) {
        if (!node.isObject()) {
            throw problem(path, "a JSON object", node);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), fromJson(entry.getValue(), valueSchema, path + "." + entry.getKey()));
        }
        return values;
    }

    private static GenericEnumSymbol<?> enumFromJson(JsonNode node, Schema schema, String path) {
        if (!node.isTextual()) {
            throw problem(path, "one of " + schema.getEnumSymbols(), node);
        }
        String symbol = node.textValue();
        if (!schema.hasEnumSymbol(symbol)) {
            if (schema.getEnumDefault() == null) {
                throw problem(path, "one of " + schema.getEnumSymbols(), node);
            }
            symbol = schema.getEnumDefault();
        }
        return new GenericData.EnumSymbol(schema, symbol);
    }

    private static String stringFromJson(JsonNode node, String path) {
        if (node.isNull()) {
            throw problem(path, "text (or any JSON value other than null, kept as its JSON text)", node);
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static int intFromJson(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw problem(path, "a whole number within 32 bits", node);
        }
        return node.intValue();
    }

    private static long longFromJson(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw problem(path, "a whole number within 64 bits", node);
        }
        return node.longValue();
    }

    private static Number number(JsonNode node, String path) {
        if (!node.isNumber()) {
            throw problem(path, "a number", node);
        }
        return node.numberValue();
    }

    private static BigDecimal decimal(JsonNode node, String path) {
        number(node, path);
        return node.decimalValue();
    }

    private static boolean booleanFromJson(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw problem(path, "true or false", node);
        }
        return node.booleanValue();
    }

    private static Object nullFromJson(JsonNode node, String path) {
        if (!node.isNull()) {
            throw problem(path, "null", node);
        }
        return null;
    }

    private static byte[] base64(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw problem(path, "base64 text", node);
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw problem(path, "base64 text", node);
        }
    }

    private static IllegalArgumentException problem(String path, String expected, JsonNode actual) {
        String shown = actual.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new IllegalArgumentException(path + ": expected " + expected + ", found " + shown);
    }
}
