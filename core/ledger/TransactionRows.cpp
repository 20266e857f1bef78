#include "core/ledger/TransactionRows.h"

#include "core/db/BulkInsert.h"
#include "core/db/Dialect.h"
#include "core/db/SqlRows.h"
#include "core/domain/Timestamp.h"

namespace TransactionRows {

const QStringList &columnNames()
{
    static const QStringList names{
        QStringLiteral("\"id\""),         QStringLiteral("\"userId\""),    QStringLiteral("\"amount\""),
        QStringLiteral("\"sourceType\""), QStringLiteral("\"sourceId\""),  QStringLiteral("\"description\""),
        QStringLiteral("\"category\""),   QStringLiteral("\"createdAt\""), QStringLiteral("\"updatedAt\""),
    };
    return names;
}

QStringList valueExpressions(const Dialect &d)
{
    const QString p = QStringLiteral("?");
    return {p, p, p, d.sourceTypeParam(p), p, p, d.categoryParam(p), d.timestampParam(p), d.timestampParam(p)};
}

QString columns(const QString &alias)
{
    const QStringList &names = columnNames();
    if (alias.isEmpty())
        return names.join(QStringLiteral(", "));
    QStringList qualified;
    for (const QString &name : names)
        qualified << alias + QLatin1Char('.') + name;
    return qualified.join(QStringLiteral(", "));
}

XpTransaction read(const SqlRows &rows, const Dialect &dialect, int first)
{
    XpTransaction row;
    row.id = rows.text(first);
    row.userId = rows.text(first + 1);
    row.amount = static_cast<qint32>(rows.integer(first + 2));
    row.sourceType = XpEnums::sourceTypeFromName(rows.text(first + 3)).value_or(SourceType::UserProblemAttempt);
    row.sourceId = rows.text(first + 4);
    row.description = rows.text(first + 5);
    row.category = XpEnums::categoryFromName(rows.text(first + 6)).value_or(Category::CorrectAnswer);
    row.createdAt = dialect.readTimestamp(rows.value(first + 7));
    row.updatedAt = dialect.readTimestamp(rows.value(first + 8));
    return row;
}

QString insertSql(const Dialect &d)
{
    return QStringLiteral("INSERT INTO \"UserXP\" (%1) VALUES (:id, :user, :amount, %2, :source_id, :description, %3, "
                          "%4, %5)")
        .arg(columns(), d.sourceTypeParam(QStringLiteral(":source_type")), d.categoryParam(QStringLiteral(":category")),
             d.timestampParam(QStringLiteral(":created")), d.timestampParam(QStringLiteral(":updated")));
}

Bindings insertBindings(const XpTransaction &row)
{
    return {{QStringLiteral(":id"), row.id},
            {QStringLiteral(":user"), row.userId},
            {QStringLiteral(":amount"), row.amount},
            {QStringLiteral(":source_type"), XpEnums::name(row.sourceType)},
            {QStringLiteral(":source_id"), row.sourceId},
            {QStringLiteral(":description"), row.description},
            {QStringLiteral(":category"), XpEnums::name(row.category)},
            {QStringLiteral(":created"), Timestamp::toSql(row.createdAt)},
            {QStringLiteral(":updated"), Timestamp::toSql(row.updatedAt)}};
}

Status insertAll(Database &db, const QList<XpTransaction> &rows)
{
    BulkInsert insert(db, QStringLiteral("\"UserXP\""), columnNames(), valueExpressions(db.dialect()));
    for (const XpTransaction &row : rows) {
        if (const Status s = insert.add({row.id, row.userId, row.amount, XpEnums::name(row.sourceType), row.sourceId,
                                         row.description, XpEnums::name(row.category), Timestamp::toSql(row.createdAt),
                                         Timestamp::toSql(row.updatedAt)});
            !s)
            return s;
    }
    return insert.finish();
}

} // namespace TransactionRows
