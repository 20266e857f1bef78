#include "core/history/HistoryRow.h"

#include "core/db/Dialect.h"
#include "core/db/RowView.h"

#include <cstring>

namespace {

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (as QDate counts them).
qint64 daysFromCivil(int year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

int daysInMonth(int year, int month)
{
    static constexpr int Days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : Days[month - 1];
}

QString utf8(const QByteArray &text, qsizetype from, qsizetype length)
{
    return QString::fromUtf8(text.constData() + from, length);
}

qint64 msecsOf(const RowView &row, int column, const Dialect &dialect)
{
    if (const auto ms = HistoryRow::fastTimestamp(row.text(column), dialect.isPostgres()))
        return *ms;
    return dialect.readTimestamp(row.value(column)).toMSecsSinceEpoch();
}

} // namespace

QString HistoryRow::id() const
{
    return utf8(text, 0, idLength);
}

QString HistoryRow::userId() const
{
    return utf8(text, idLength, userIdLength);
}

QString HistoryRow::sourceId() const
{
    return utf8(text, qsizetype(idLength) + userIdLength, sourceIdLength);
}

QString HistoryRow::description() const
{
    const qsizetype start = qsizetype(idLength) + userIdLength + sourceIdLength;
    return utf8(text, start, text.size() - start);
}

XpTransaction HistoryRow::transaction() const
{
    XpTransaction t;
    t.id = id();
    t.userId = userId();
    t.amount = amount;
    t.sourceType = static_cast<SourceType>(sourceType);
    t.sourceId = sourceId();
    t.description = description();
    t.category = static_cast<Category>(category);
    t.createdAt = QDateTime::fromMSecsSinceEpoch(createdAtMs, Qt::UTC);
    t.updatedAt = QDateTime::fromMSecsSinceEpoch(updatedAtMs, Qt::UTC);
    return t;
}

std::optional<qint64> HistoryRow::fastTimestamp(QByteArrayView text, bool postgres)
{
    // SQLite's rows are read by Timestamp::fromSql, which takes a fraction of exactly three digits;
    // PostgreSQL's by Qt's ISO parser, which takes one to three. Other forms go the slow way.
    const qsizetype size = text.size();
    if (size != 19 && size != 23 && !(postgres && (size == 21 || size == 22)))
        return std::nullopt;
    const char *c = text.data();
    if (c[4] != '-' || c[7] != '-' || (c[10] != ' ' && c[10] != 'T') || c[13] != ':' || c[16] != ':'
        || (size > 19 && c[19] != '.'))
        return std::nullopt;
    bool ok = true;
    const auto number = [&](int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; ++i) {
            if (c[i] < '0' || c[i] > '9')
                ok = false;
            value = value * 10 + (c[i] - '0');
        }
        return value;
    };
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    int msec = 0;
    if (size > 19) {
        const int digits = int(size) - 20;
        msec = number(20, digits) * (digits == 1 ? 100 : digits == 2 ? 10 : 1);
    }
    if (!ok || year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23
        || minute > 59 || second > 59)
        return std::nullopt;
    return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + qint64(second) * 1000 + msec;
}

XpTransaction HistoryRow::readTransaction(const RowView &row, const Dialect &dialect, int first)
{
    XpTransaction t;
    t.id = row.string(first);
    t.userId = row.string(first + 1);
    t.amount = static_cast<qint32>(row.integer(first + 2));
    t.sourceType = XpEnums::sourceTypeFromName(row.text(first + 3)).value_or(SourceType::UserProblemAttempt);
    t.sourceId = row.string(first + 4);
    t.description = row.string(first + 5);
    t.category = XpEnums::categoryFromName(row.text(first + 6)).value_or(Category::CorrectAnswer);
    t.createdAt = timestamp(row, first + 7, dialect);
    t.updatedAt = timestamp(row, first + 8, dialect);
    return t;
}

QDateTime HistoryRow::timestamp(const RowView &row, int column, const Dialect &dialect)
{
    if (const auto ms = fastTimestamp(row.text(column), dialect.isPostgres()))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    return dialect.readTimestamp(row.value(column));
}

HistoryRow HistoryRow::read(const RowView &row, const Dialect &dialect, int first)
{
    const QByteArrayView id = row.text(first);
    const QByteArrayView userId = row.text(first + 1);
    const QByteArrayView sourceId = row.text(first + 4);
    const QByteArrayView description = row.text(first + 5);
    HistoryRow r;
    // Exactly: no slack a row.
    r.text = QByteArray(id.size() + userId.size() + sourceId.size() + description.size(), Qt::Uninitialized);
    char *out = r.text.data();
    for (const QByteArrayView part : {id, userId, sourceId, description}) {
        if (!part.isEmpty())
            std::memcpy(out, part.data(), std::size_t(part.size()));
        out += part.size();
    }
    r.idLength = quint32(id.size());
    r.userIdLength = quint32(userId.size());
    r.sourceIdLength = quint32(sourceId.size());
    r.amount = static_cast<qint32>(row.integer(first + 2));
    r.sourceType = quint8(XpEnums::sourceTypeFromName(row.text(first + 3)).value_or(SourceType::UserProblemAttempt));
    r.category = quint8(XpEnums::categoryFromName(row.text(first + 6)).value_or(Category::CorrectAnswer));
    r.createdAtMs = msecsOf(row, first + 7, dialect);
    r.updatedAtMs = msecsOf(row, first + 8, dialect);
    return r;
}
