#pragma once

#include "core/domain/XpTransaction.h"

#include <QByteArray>
#include <QString>

#include <optional>

class Dialect;
class RowView;

// One transaction of the history in its compact form: a few numbers plus one allocation for its
// text, no QVariant, no QDateTime (HistoryModel holds up to 200,000 of them). Read straight from
// the driver's row (read()), so a page costs one allocation a row besides the engine's own work.
// The user id lives in the text too: sharing one copy per user took a hash entry for each user
// ever shown, more than it saved.
struct HistoryRow
{
    QByteArray text; // UTF-8: the id, the user id, the source id, then the description
    qint64 createdAtMs = 0; // UTC
    qint64 updatedAtMs = 0; // UTC
    qint64 balance = 0; // the user's total after this row, where the page has balances
    qint32 amount = 0;
    quint32 idLength = 0; // bytes of the id in text
    quint32 userIdLength = 0; // bytes of the user id, after the id
    quint32 sourceIdLength = 0; // bytes of the source id, after the user id
    quint8 sourceType = 0;
    quint8 category = 0;

    QByteArrayView idBytes() const { return QByteArrayView(text).first(idLength); }
    QByteArrayView userIdBytes() const { return QByteArrayView(text).sliced(idLength, userIdLength); }
    QString id() const;
    QString userId() const;
    QString sourceId() const;
    QString description() const;
    XpTransaction transaction() const;

    // A row of TransactionRows::columns() (from its firstColumn on), as TransactionRows::read()
    // reads it: the same values, without the QVariants and QStrings on the way.
    static HistoryRow read(const RowView &row, const Dialect &dialect, int firstColumn = 0);
    // The same values straight into an XpTransaction, for rows read once and not held (a
    // statement's lines).
    static XpTransaction readTransaction(const RowView &row, const Dialect &dialect, int firstColumn = 0);
    // A timestamp column as the general reader (Dialect::readTimestamp) reads it, through
    // fastTimestamp() when its form allows.
    static QDateTime timestamp(const RowView &row, int column, const Dialect &dialect);
    // The milliseconds since the epoch of a timestamp as the database writes it
    // ("2026-12-05 10:00:00.123"; PostgreSQL drops trailing zeros of the fraction), or nullopt
    // for any other form (read then the slow way, as TransactionRows does).
    static std::optional<qint64> fastTimestamp(QByteArrayView text, bool postgres);
};
