#include "tests/benchmarks/ResultTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString ms(double value)
{
    const int decimals = value < 10 ? 2 : value < 1000 ? 1 : 0;
    return QString::number(value, 'f', decimals);
}

} // namespace

namespace ResultTable {

QString line(const FigureResult &r)
{
    return QStringLiteral("%1  %2 %3 %4 %5  %6")
        .arg(r.figure, -6)
        .arg(r.title, -44)
        .arg(ms(r.xpadminMs), 11)
        .arg(ms(r.rawMs), 10)
        .arg(QString::number(r.ratio(), 'f', 2), 6)
        .arg(r.info);
}

QString text(const QList<FigureResult> &results)
{
    QString out = QStringLiteral("%1  %2 %3 %4 %5  %6\n")
                      .arg(QStringLiteral("figure"), -6)
                      .arg(QStringLiteral("what"), -44)
                      .arg(QStringLiteral("XP Admin ms"), 11)
                      .arg(QStringLiteral("raw ms"), 10)
                      .arg(QStringLiteral("ratio"), 6)
                      .arg(QStringLiteral("notes"));
    for (const FigureResult &r : results)
        out += line(r) + QLatin1Char('\n');
    return out;
}

Status writeJson(const QList<FigureResult> &results, const QJsonObject &common, const QString &path)
{
    QJsonArray list;
    for (const FigureResult &r : results) {
        QJsonObject entry = common;
        entry.insert(QStringLiteral("figure"), r.figure);
        entry.insert(QStringLiteral("title"), r.title);
        entry.insert(QStringLiteral("xpadmin_ms"), r.xpadminMs);
        entry.insert(QStringLiteral("raw_ms"), r.rawMs);
        entry.insert(QStringLiteral("ratio"), r.ratio());
        entry.insert(QStringLiteral("info"), r.info);
        for (auto it = r.extra.begin(); it != r.extra.end(); ++it)
            entry.insert(it.key(), it.value());
        list.append(entry);
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error::input(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(list).toJson(QJsonDocument::Indented));
    if (!file.flush())
        return Error::input(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace ResultTable
