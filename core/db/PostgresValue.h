#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QVariant>

// Values between Qt and PostgreSQL's text format, as Qt's QPSQL driver converted them, so that
// statements run through libpq give their callers the same QVariant types: bool, int (int2,
// int4, oid), qlonglong (int8), double (numeric, float), QDate, QTime, QDateTime (timestamps, in
// UTC), QByteArray (bytea) and QString for everything else.
class PostgresValue final
{
public:
    // The Qt type a column of PostgreSQL type oid is read as.
    static QMetaType metaType(unsigned int oid);
    // A value of a column of type oid, from its text (bytea in hex or escape format).
    static QVariant fromText(unsigned int oid, const char *text);
    // NULL in a column of type oid: a null QVariant of its Qt type.
    static QVariant null(unsigned int oid) { return QVariant(metaType(oid), nullptr); }
    // Whether a bound value is SQL NULL: no value, or a null string, byte array, date or time.
    static bool isNull(const QVariant &value);
    // A bound value as a parameter: text, or binary for a byte array (binary set then).
    static QByteArray toParameter(const QVariant &value, bool *binary);
    // A value as text, as callers read it with SqlRows::text().
    static QString text(const QVariant &value);
};
