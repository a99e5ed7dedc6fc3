package dev.skald.schemas.internal;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The data model a deserializer reads generated classes with: that of the class (its logical-type conversions), but
 * arrays are read into {@link ArrayList}s. Avro's own {@code GenericData.Array} compares and hashes its elements with
 * {@code GenericData.get()}, which has no conversions, so {@code equals} on a read record whose array holds records
 * with an optional timestamp throws "Unknown datum type java.time.Instant".
 */
public final class ListSpecificData extends SpecificData {

    private ListSpecificData(ClassLoader classLoader) {
        super(classLoader);
    }

    /** The model of a generated class, reading arrays into lists. */
    public static SpecificData forClass(Class<?> type) {
        SpecificData base = SpecificData.getForClass(type);
        ListSpecificData data = new ListSpecificData(type.getClassLoader());
        base.getConversions().forEach(data::addLogicalTypeConversion);
        data.setFastReaderEnabled(base.isFastReaderEnabled());
        return data;
    }

    @Override
    public Object newArray(Object old, int size, Schema schema) {
        if (old instanceof Collection) {
            ((Collection<?>) old).clear();
            return old;
        }
        return new ArrayList<>(size);
    }
}
