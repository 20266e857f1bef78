#include "core/db/PostgresValue.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>
#include <QUuid>

#include <cmath>
#include <cstring>

namespace {

// PostgreSQL's type oids (pg_type.dat), which libpq does not export.
enum TypeOid : unsigned int {
    BoolOid = 16,
    ByteaOid = 17,
    Int8Oid = 20,
    Int2Oid = 21,
    RegprocOid = 24,
    Int4Oid = 23,
    OidOid = 26,
    XidOid = 28,
    CidOid = 29,
    Float4Oid = 700,
    Float8Oid = 701,
    DateOid = 1082,
    TimeOid = 1083,
    TimestampOid = 1114,
    TimestampTzOid = 1184,
    TimeTzOid = 1266,
    NumericOid = 1700,
};

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArray byteaFromText(const char *text)
{
    const std::size_t length = std::strlen(text);
    if (length >= 2 && text[0] == '\\' && text[1] == 'x') {
        QByteArray bytes;
        bytes.reserve(qsizetype((length - 2) / 2));
        for (std::size_t i = 2; i + 1 < length; i += 2)
            bytes.append(char(hexDigit(text[i]) * 16 + hexDigit(text[i + 1])));
        return bytes;
    }
    // The escape format: \\ for a backslash, \ooo octal for other bytes.
    QByteArray bytes;
    bytes.reserve(qsizetype(length));
    for (std::size_t i = 0; i < length; ++i) {
        if (text[i] != '\\') {
            bytes.append(text[i]);
        } else if (i + 1 < length && text[i + 1] == '\\') {
            bytes.append('\\');
            ++i;
        } else if (i + 3 < length) {
            bytes.append(char((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0')));
            i += 3;
        }
    }
    return bytes;
}

double doubleFromText(const char *text, bool *ok)
{
    const QByteArray value = QByteArray::fromRawData(text, qsizetype(std::strlen(text)));
    double number = value.toDouble(ok);
    if (*ok)
        return number;
    *ok = true;
    if (qstricmp(text, "NaN") == 0)
        return qQNaN();
    if (qstricmp(text, "Infinity") == 0)
        return qInf();
    if (qstricmp(text, "-Infinity") == 0)
        return -qInf();
    *ok = false;
    return 0;
}

QDateTime timestampFromText(const char *text)
{
    QString value = QString::fromLatin1(text);
    if (value.size() < 10)
        return {};
    value.replace(QLatin1Char(' '), QLatin1Char('T'));
    // "2026-12-05 10:00:00.123" (timestamp, UTC by the ledger's rule) or with "+01" / "+05:30".
    const qsizetype timeStart = value.indexOf(QLatin1Char('T'));
    const qsizetype offset = timeStart < 0
        ? -1
        : std::max(value.indexOf(QLatin1Char('+'), timeStart), value.indexOf(QLatin1Char('-'), timeStart));
    if (offset < 0)
        return QDateTime::fromString(value + QLatin1Char('Z'), Qt::ISODateWithMs).toUTC();
    if (value.size() - offset == 3)
        value += QStringLiteral(":00");
    return QDateTime::fromString(value, Qt::ISODateWithMs).toUTC();
}

} // namespace

QMetaType PostgresValue::metaType(unsigned int oid)
{
    switch (oid) {
    case BoolOid:
        return QMetaType::fromType<bool>();
    case Int8Oid:
        return QMetaType::fromType<qlonglong>();
    case Int2Oid:
    case Int4Oid:
    case OidOid:
    case RegprocOid:
    case XidOid:
    case CidOid:
        return QMetaType::fromType<int>();
    case NumericOid:
    case Float4Oid:
    case Float8Oid:
        return QMetaType::fromType<double>();
    case DateOid:
        return QMetaType::fromType<QDate>();
    case TimeOid:
    case TimeTzOid:
        return QMetaType::fromType<QTime>();
    case TimestampOid:
    case TimestampTzOid:
        return QMetaType::fromType<QDateTime>();
    case ByteaOid:
        return QMetaType::fromType<QByteArray>();
    default:
        return QMetaType::fromType<QString>();
    }
}

QVariant PostgresValue::fromText(unsigned int oid, const char *text)
{
    switch (oid) {
    case BoolOid:
        return QVariant(text[0] == 't');
    case Int8Oid:
        return QVariant(QByteArray::fromRawData(text, qsizetype(std::strlen(text))).toLongLong());
    case Int2Oid:
    case Int4Oid:
    case OidOid:
    case RegprocOid:
    case XidOid:
    case CidOid:
        return QVariant(QByteArray::fromRawData(text, qsizetype(std::strlen(text))).toInt());
    case NumericOid:
    case Float4Oid:
    case Float8Oid: {
        bool ok = false;
        const double number = doubleFromText(text, &ok);
        return ok ? QVariant(number) : QVariant();
    }
    case DateOid:
        return QVariant(QDate::fromString(QString::fromLatin1(text), Qt::ISODate));
    case TimeOid:
    case TimeTzOid:
        return QVariant(QTime::fromString(QString::fromLatin1(text).left(12), Qt::ISODateWithMs));
    case TimestampOid:
    case TimestampTzOid:
        return QVariant(timestampFromText(text));
    case ByteaOid:
        return QVariant(byteaFromText(text));
    default:
        return QVariant(QString::fromUtf8(text));
    }
}

bool PostgresValue::isNull(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QByteArray:
        return value.toByteArray().isNull();
    case QMetaType::QDateTime:
        return !value.toDateTime().isValid();
    case QMetaType::QDate:
        return value.toDate().isNull();
    case QMetaType::QTime:
        return !value.toTime().isValid();
    case QMetaType::QUuid:
        return value.toUuid().isNull();
    default:
        return false;
    }
}

QByteArray PostgresValue::toParameter(const QVariant &value, bool *binary)
{
    *binary = false;
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::Long:
    case QMetaType::LongLong:
        return QByteArray::number(value.toLongLong());
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        return QByteArray::number(value.toULongLong());
    case QMetaType::Double:
    case QMetaType::Float: {
        const double number = value.toDouble();
        if (std::isnan(number))
            return QByteArrayLiteral("NaN");
        if (std::isinf(number))
            return number < 0 ? QByteArrayLiteral("-Infinity") : QByteArrayLiteral("Infinity");
        return QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QMetaType::QDateTime:
        // As QPSQL sent it: the instant in UTC, marked as such, whatever the column's type.
        return QLocale::c().toString(value.toDateTime().toUTC(), QStringLiteral("yyyy-MM-ddThh:mm:ss.zzz")).toLatin1()
            + 'Z';
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate).toLatin1();
    case QMetaType::QTime:
        return value.toTime().toString(QStringLiteral("hh:mm:ss.zzz")).toLatin1();
    case QMetaType::QByteArray:
        *binary = true;
        return value.toByteArray();
    default:
        return value.toString().toUtf8();
    }
}

QString PostgresValue::text(const QVariant &value)
{
    // A timestamp read as text without the zone mark, as QPSQL's local times gave it.
    if (value.typeId() == QMetaType::QDateTime && !value.isNull()) {
        const QDateTime at = value.toDateTime();
        return QDateTime(at.date(), at.time()).toString(Qt::ISODateWithMs);
    }
    return value.toString();
}
