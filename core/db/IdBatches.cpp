#include "core/db/IdBatches.h"

#include "core/db/Dialect.h"

#include <algorithm>
#include <array>

QString IdBatches::arrayLiteral(const QStringList &ids)
{
    QString array(QLatin1Char('{'));
    for (const QString &id : ids) {
        if (array.size() > 1)
            array += QLatin1Char(',');
        array += QLatin1Char('"');
        for (const QChar c : id) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                array += QLatin1Char('\\');
            array += c;
        }
        array += QLatin1Char('"');
    }
    return array + QLatin1Char('}');
}

Status IdBatches::forEach(const Dialect &d, const QString &column, const QStringList &ids,
                          const std::function<Status(const QString &, const Bindings &)> &read)
{
    if (ids.isEmpty())
        return {};
    if (d.isPostgres())
        return read(QStringLiteral("%1 = ANY (CAST(:ids AS TEXT[]))").arg(column),
                    {{QStringLiteral(":ids"), QVariant(arrayLiteral(ids))}});
    static constexpr std::array<qsizetype, 3> BatchSizes{16, 128, 512};
    for (qsizetype start = 0; start < ids.size(); start += BatchSizes.back()) {
        const qsizetype count = std::min(ids.size() - start, BatchSizes.back());
        const qsizetype size = *std::find_if(BatchSizes.begin(), BatchSizes.end(),
                                             [count](qsizetype bucket) { return bucket >= count; });
        QStringList placeholders;
        Bindings bindings;
        placeholders.reserve(size);
        bindings.reserve(size);
        for (qsizetype i = 0; i < size; ++i) {
            const QString placeholder = QStringLiteral(":id%1").arg(i);
            placeholders << placeholder;
            bindings << std::pair{placeholder, QVariant(ids.at(start + std::min(i, count - 1)))};
        }
        const QString condition = QStringLiteral("%1 IN (%2)").arg(column, placeholders.join(QStringLiteral(", ")));
        if (const Status done = read(condition, bindings); !done)
            return done;
    }
    return {};
}
