package cn.tj.specialfund.verifier;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The field encoding of canonical event bytes: every variable-length field is prefixed with its length, so that
 * one byte string decodes to exactly one sequence of fields (the encoding is injective), and nothing depends on
 * the JVM, the locale or the platform. u32 and u64 are big-endian; {@code bytes} is u32 length ‖ the bytes;
 * {@code text} is the UTF-8 bytes of a string as {@code bytes}; {@code optional} is 0x00 for absent, or 0x01 and
 * the field.
 */
final class CanonicalBytes {

    private CanonicalBytes() {
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer u32(long value) {
            if (value < 0 || value > 0xffffffffL) {
                throw new IllegalArgumentException("not a u32: " + value);
            }
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) value).array());
            return this;
        }

        Writer u64(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("positions and sequence numbers are not negative: " + value);
            }
            out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
            return this;
        }

        Writer bytes(byte[] value) {
            u32(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer text(String value) {
            return bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        Writer optionalText(String value) {
            return value == null ? u8(0) : u8(1).text(value);
        }

        Writer optionalBytes(byte[] value) {
            return value == null ? u8(0) : u8(1).bytes(value);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] bytes) {
            this.in = ByteBuffer.wrap(bytes);
        }

        int u8() {
            return in.get() & 0xff;
        }

        long u32() {
            return in.getInt() & 0xffffffffL;
        }

        long u64() {
            long value = in.getLong();
            if (value < 0) {
                throw new IllegalArgumentException("a u64 field above 2^63 - 1");
            }
            return value;
        }

        byte[] bytes() {
            long length = u32();
            if (length > in.remaining()) {
                throw new IllegalArgumentException("a field is longer than the bytes left");
            }
            byte[] value = new byte[(int) length];
            in.get(value);
            return value;
        }

        String text() {
            return Json.decodeUtf8(bytes());
        }

        String optionalText() {
            return present() ? text() : null;
        }

        byte[] optionalBytes() {
            return present() ? bytes() : null;
        }

        private boolean present() {
            int flag = u8();
            if (flag > 1) {
                throw new IllegalArgumentException("an optional field's flag is 0 or 1, not " + flag);
            }
            return flag == 1;
        }

        void expectEnd() {
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last field");
            }
        }

        static <T> T decode(byte[] bytes, java.util.function.Function<Reader, T> fields) {
            try {
                Reader reader = new Reader(bytes);
                T value = fields.apply(reader);
                reader.expectEnd();
                return value;
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException("the bytes end inside a field");
            } catch (Json.JsonException e) {
                throw new IllegalArgumentException("a text field is not well-formed UTF-8");
            }
        }
    }
}
