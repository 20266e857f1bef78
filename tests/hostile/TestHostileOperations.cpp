#include "tests/hostile/HostileStrings.h"
#include "tests/support/TestBackend.h"

#include "core/csv/CsvReader.h"
#include "core/csv/CsvWriter.h"
#include "core/domain/Validation.h"
#include "core/history/HistoryCsvExport.h"
#include "core/history/HistoryQuery.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/UserQuery.h"
#include "core/users/Users.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int StringCount = 10000;
const QString BaseUser = QStringLiteral("u-base");

// What a person would compare to see that nothing else changed.
struct Snapshot
{
    qint64 users = 0;
    qint64 rows = 0;
    qint64 amountSum = 0;
    qint64 profiles = 0;
    qint64 totalSum = 0;
    qint64 events = 0;
    QString newestHash;

    bool operator==(const Snapshot &) const = default;
    QString text() const
    {
        return QStringLiteral("users %1, rows %2, sum %3, profiles %4, totals %5, events %6, hash %7")
            .arg(users)
            .arg(rows)
            .arg(amountSum)
            .arg(profiles)
            .arg(totalSum)
            .arg(events)
            .arg(newestHash);
    }
};

// What Validation promises for a text field, stated independently of it.
bool storableText(const QString &text, int limit, bool required)
{
    if (required && text.trimmed().isEmpty())
        return false;
    // SQLite drops a leading U+FEFF of bound text as a byte order mark, and reads U+FFFE and U+FFFF
    // back as U+FFFD: refused on both backends.
    return text.size() <= limit && !text.contains(QChar(0)) && text.isValidUtf16() && !text.startsWith(QChar(0xFEFF))
        && !text.contains(QChar(0xFFFE)) && !text.contains(QChar(0xFFFF));
}

bool storableEmail(const QString &text)
{
    if (!storableText(text, Validation::MaxEmailLength, true))
        return false;
    const qsizetype at = text.indexOf(QLatin1Char('@'));
    bool blank = false;
    for (const QChar c : text)
        blank = blank || c.isSpace();
    return at > 0 && at == text.lastIndexOf(QLatin1Char('@')) && at < text.size() - 1 && !blank;
}

// Control characters that make the CSV reader refuse a file as binary (tried separately).
bool looksBinary(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r' && u != u'\v' && u != u'\f') || u == 0x7F)
            return true;
    }
    return false;
}

// A string as a CSV file holds it: UTF-8 (a lone surrogate cannot be encoded and becomes
// U+FFFD), and inside quotes every line end reads back as LF.
QString inFile(const QString &text)
{
    QString value = QString::fromUtf8(text.toUtf8());
    value.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return value;
}

QString shown(const QString &text)
{
    return Validation::quoted(text);
}

// One CSV cell, always quoted, quotes doubled.
QByteArray csvCell(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

// The error's message, or nothing: QVERIFY2 builds its message even when the check passes.
template<typename T>
QString why(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

} // namespace

// Hostile strings through every text field of every operation, on both backends: each one is
// stored and read back byte for byte, or refused with an input error that names the field, and
// nothing else changes either way.
class TestHostileOperations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void generatorIsDeterministicAndHostile();
    void everyOperationStoresOrRefusesEachString();
    void searchesTreatEveryStringAsPlainText();
    void importOfHostileAdjustmentsIsAllOrNothing();
    void importOfHostileLegacyUsers();
    void malformedCsvFilesAreRefusedWholly();
    void exportNeutralisesFormulasAndKeepsNegativeNumbers();

private:
    Snapshot snapshot();
    QString newestReason();
    void checkRefused(const Error &error, const QString &field, const QString &value, const Snapshot &before,
                      const char *operation);
    QString writeFile(const QString &name, const QByteArray &content);
    // Sends strings[index] through operation op (0-7); returns false after a failed check.
    void runOperation(int op, int index, const QString &value);

    QStringList m_strings;
    std::unique_ptr<Database> m_db;
    QTemporaryDir m_dir;
    Snapshot m_state;
    int m_accepted = 0;
    int m_refused = 0;
};

void TestHostileOperations::initTestCase()
{
    m_strings = HostileStrings::generate(StringCount);
}

void TestHostileOperations::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(BaseUser, QStringLiteral("base@example.org"), QStringLiteral("Base")));
    AwardRequest request;
    request.userId = BaseUser;
    request.amount = 100;
    request.sourceId = QStringLiteral("seed");
    request.description = QStringLiteral("seed");
    QVERIFY(Ledger(*m_db).award(request));
    m_state = snapshot();
}

void TestHostileOperations::cleanup()
{
    m_db.reset();
}

Snapshot TestHostileOperations::snapshot()
{
    const QString audit = m_db->dialect().ownTable(QStringLiteral("audit_event"));
    auto rows = m_db->run(
        QStringLiteral("SELECT (SELECT count(*) FROM \"User\"), (SELECT count(*) FROM \"UserXP\"), "
                       "(SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\"), (SELECT count(*) FROM \"UserProfile\"), "
                       "(SELECT COALESCE(SUM(\"totalXP\"), 0) FROM \"UserProfile\"), (SELECT count(*) FROM %1), "
                       "(SELECT hash FROM %1 ORDER BY seq DESC LIMIT 1)")
            .arg(audit));
    Snapshot s;
    if (!rows || !rows->next()) {
        qWarning("snapshot failed: %s", rows ? "no row" : qPrintable(why(rows)));
        s.events = -1;
        return s;
    }
    s.users = rows->integer(0);
    s.rows = rows->integer(1);
    s.amountSum = rows->integer(2);
    s.profiles = rows->integer(3);
    s.totalSum = rows->integer(4);
    s.events = rows->integer(5);
    s.newestHash = rows->text(6);
    return s;
}

QString TestHostileOperations::newestReason()
{
    auto rows = m_db->run(QStringLiteral("SELECT reason FROM %1 ORDER BY seq DESC LIMIT 1")
                              .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    if (!rows || !rows->next())
        return QStringLiteral("<no event>");
    return rows->text(0);
}

QString TestHostileOperations::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestHostileOperations::checkRefused(const Error &error, const QString &field, const QString &value,
                                    const Snapshot &before, const char *operation)
{
    const QString where
        = QStringLiteral("%1 with %2 %3: %4").arg(QLatin1String(operation), field, shown(value), error.message);
    QVERIFY2(error.kind == Error::Kind::Input, qPrintable(where));
    QVERIFY2(error.message.contains(field), qPrintable(where));
    const Snapshot after = snapshot();
    QVERIFY2(after == before, qPrintable(where + QStringLiteral(": ") + after.text()));
    ++m_refused;
}

void TestHostileOperations::generatorIsDeterministicAndHostile()
{
    QCOMPARE(m_strings.size(), StringCount);
    QCOMPARE(HostileStrings::generate(StringCount), m_strings);
    int nul = 0;
    int invalid = 0;
    int tooLong = 0;
    int rtl = 0;
    int emoji = 0;
    for (const QString &text : std::as_const(m_strings)) {
        nul += text.contains(QChar(0));
        invalid += !text.isValidUtf16();
        tooLong += text.size() > Validation::MaxDescriptionLength;
        rtl += text.contains(QChar(0x200F)) || text.contains(QChar(0x05E9));
        emoji += text.contains(QStringLiteral("\U0001F600"));
    }
    QVERIFY2(nul > 100 && invalid > 100 && tooLong > 3 && rtl > 100 && emoji > 100,
             qPrintable(QStringLiteral("%1 %2 %3 %4 %5").arg(nul).arg(invalid).arg(tooLong).arg(rtl).arg(emoji)));
}

void TestHostileOperations::runOperation(int op, int i, const QString &s)
{
    Ledger ledger(*m_db);
    Users users(*m_db);
    const Snapshot before = m_state;
    const QString tag = QString::number(i);
    Snapshot expected = before;
    switch (op) {
    case 0: // user id
    case 1: // user name
    case 2: { // user email
        const QString id = op == 0 ? s : QStringLiteral("user-%1-%2").arg(op).arg(tag);
        const QString email = op == 2 ? s : QStringLiteral("e%1-%2@example.org").arg(op).arg(tag);
        const QString name = op == 1 ? s : QStringLiteral("name");
        const auto added = users.add(id, email, name);
        const bool valid = op == 0 ? storableText(s, Validation::MaxIdLength, true)
            : op == 1              ? storableText(s, Validation::MaxNameLength, false)
                                   : storableEmail(s);
        const QString field = op == 0 ? QStringLiteral("id")
            : op == 1                 ? QStringLiteral("name")
                                      : QStringLiteral("email");
        if (!valid) {
            QVERIFY2(!added, qPrintable(QStringLiteral("user %1 %2 accepted").arg(field, shown(s))));
            checkRefused(added.error(), field, s, before, "user add");
            return;
        }
        QVERIFY2(added, qPrintable(QStringLiteral("user %1 %2: %3").arg(field, shown(s), why(added))));
        const auto found = users.find(id);
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->id, id);
        QCOMPARE((*found)->id.toUtf8(), id.toUtf8());
        QCOMPARE((*found)->email.toUtf8(), email.toUtf8());
        QCOMPARE((*found)->name.toUtf8(), name.toUtf8());
        QCOMPARE((*found)->name, name);
        expected.users += 1;
        expected.events += 1;
        break;
    }
    case 3: // award description
    case 4: { // award source id, then delete-source by it
        AwardRequest request;
        request.userId = BaseUser;
        request.amount = 1 + i % 7;
        request.sourceId = op == 4 ? s : QStringLiteral("src-") + tag;
        request.description = op == 3 ? s : QStringLiteral("d");
        const auto awarded = ledger.award(request);
        const bool valid = op == 3 ? storableText(s, Validation::MaxDescriptionLength, true)
                                   : storableText(s, Validation::MaxIdLength, true);
        const QString field = op == 3 ? QStringLiteral("description") : QStringLiteral("source id");
        if (!valid) {
            QVERIFY2(!awarded, qPrintable(QStringLiteral("award %1 %2 accepted").arg(field, shown(s))));
            checkRefused(awarded.error(), field, s, before, "award");
            if (op == 4) {
                const auto removed = ledger.deleteSource(SourceType::UserProblemAttempt, s, QStringLiteral("ds"));
                QVERIFY(!removed);
                checkRefused(removed.error(), field, s, before, "delete-source");
            }
            return;
        }
        QVERIFY2(awarded, qPrintable(QStringLiteral("award %1 %2: %3").arg(field, shown(s), why(awarded))));
        QCOMPARE(awarded->rows.size(), 1);
        auto stored
            = m_db->run(QStringLiteral("SELECT \"description\", \"sourceId\" FROM \"UserXP\" WHERE \"id\" = :id"),
                        {{QStringLiteral(":id"), awarded->rows.first().id}});
        QVERIFY(stored && stored->next());
        QCOMPARE(stored->text(0), request.description);
        QCOMPARE(stored->text(0).toUtf8(), request.description.toUtf8());
        QCOMPARE(stored->text(1), request.sourceId);
        QCOMPARE(stored->text(1).toUtf8(), request.sourceId.toUtf8());
        expected.rows += 1;
        expected.amountSum += request.amount;
        expected.totalSum += request.amount;
        expected.events += 1;
        if (op == 4) {
            // The cascade finds exactly this row by the hostile source id, and nothing else.
            const auto removed = ledger.deleteSource(SourceType::UserProblemAttempt, s, QStringLiteral("ds"));
            QVERIFY2(removed, qPrintable(shown(s) + why(removed)));
            QCOMPARE(removed->rows.size(), 1);
            QCOMPARE(removed->rows.first().id, awarded->rows.first().id);
            expected.rows -= 1;
            expected.amountSum -= request.amount;
            expected.totalSum -= request.amount;
            expected.events += 1;
        }
        break;
    }
    case 5: { // adjust reason
        const auto adjusted = ledger.adjust(BaseUser, -1, s);
        if (!storableText(s, Validation::MaxReasonLength, true)) {
            QVERIFY2(!adjusted, qPrintable(QStringLiteral("reason %1 accepted").arg(shown(s))));
            checkRefused(adjusted.error(), QStringLiteral("reason"), s, before, "adjust");
            return;
        }
        QVERIFY2(adjusted, qPrintable(shown(s) + why(adjusted)));
        QCOMPARE(newestReason(), s);
        QCOMPARE(newestReason().toUtf8(), s.toUtf8());
        expected.rows += 1;
        expected.amountSum -= 1;
        expected.totalSum -= 1;
        expected.events += 1;
        break;
    }
    case 6: // rollback reason
    case 7: { // restore reason
        AwardRequest request;
        request.userId = BaseUser;
        request.amount = 5;
        request.sourceId = QStringLiteral("rb-") + tag;
        request.description = QStringLiteral("to roll back");
        const auto awarded = ledger.award(request);
        QVERIFY(awarded);
        const QStringList ids{awarded->rows.first().id};
        expected.rows += 1;
        expected.amountSum += 5;
        expected.totalSum += 5;
        expected.events += 1;
        if (op == 7) {
            QVERIFY(ledger.rollback(ids, QStringLiteral("before restore")));
            expected.rows -= 1;
            expected.amountSum -= 5;
            expected.totalSum -= 5;
            expected.events += 1;
        }
        const Snapshot ready = snapshot();
        expected.newestHash = ready.newestHash;
        QVERIFY2(ready == expected, qPrintable(ready.text() + QStringLiteral(" != ") + expected.text()));
        const auto done = op == 6 ? ledger.rollback(ids, s) : ledger.restore(ids, s);
        const char *name = op == 6 ? "rollback" : "restore";
        if (!storableText(s, Validation::MaxReasonLength, true)) {
            QVERIFY2(!done, qPrintable(QStringLiteral("%1 reason %2 accepted").arg(QLatin1String(name), shown(s))));
            checkRefused(done.error(), QStringLiteral("reason"), s, ready, name);
            m_state = ready;
            return;
        }
        QVERIFY2(done, qPrintable(shown(s) + why(done)));
        QCOMPARE(newestReason(), s);
        QCOMPARE(newestReason().toUtf8(), s.toUtf8());
        const qint64 sign = op == 6 ? -1 : 1;
        expected.rows += sign;
        expected.amountSum += sign * 5;
        expected.totalSum += sign * 5;
        expected.events += 1;
        break;
    }
    default:
        QFAIL("no such operation");
    }
    const Snapshot after = snapshot();
    expected.newestHash = after.newestHash;
    QVERIFY2(after.newestHash != before.newestHash, qPrintable(shown(s)));
    QVERIFY2(after == expected,
             qPrintable(shown(s) + QStringLiteral(": ") + after.text() + QStringLiteral(" != ") + expected.text()));
    m_state = after;
    ++m_accepted;
}

void TestHostileOperations::everyOperationStoresOrRefusesEachString()
{
    constexpr int Operations = 8;
    QElapsedTimer timer;
    timer.start();
    // The hand-picked strings go through every field; the rest each through one field, in turn,
    // so that all ten thousand reach the database in reasonable time.
    const int specials = static_cast<int>(HostileStrings::specials().size());
    for (int i = 0; i < m_strings.size(); ++i) {
        for (int op = 0; op < Operations; ++op) {
            if (i >= specials && op != i % Operations)
                continue;
            runOperation(op, i, m_strings.at(i));
            if (QTest::currentTestFailed())
                return;
        }
    }
    QVERIFY2(m_accepted > 5000 && m_refused > 500, qPrintable(QStringLiteral("%1 %2").arg(m_accepted).arg(m_refused)));
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    const auto report = Verifier(*m_db).verify();
    QVERIFY(report);
    QVERIFY2(report->ok(), qPrintable(report->brokenReason));
    qInfo("%d accepted, %d refused in %lld ms", m_accepted, m_refused, timer.elapsed());
}

void TestHostileOperations::searchesTreatEveryStringAsPlainText()
{
    // Users named by the first strings that are valid names, and rows described by them.
    Ledger ledger(*m_db);
    QStringList names;
    for (int i = 0; i < m_strings.size() && names.size() < 300; ++i) {
        const QString &s = m_strings.at(i);
        if (!storableText(s, Validation::MaxNameLength, true) || s.trimmed() != s)
            continue;
        QVERIFY(Users(*m_db).add(QStringLiteral("s-%1").arg(i), QStringLiteral("s%1@example.org").arg(i), s));
        AwardRequest request;
        request.userId = BaseUser;
        request.amount = 1;
        request.sourceId = QStringLiteral("search-%1").arg(i);
        request.description = s;
        QVERIFY(ledger.award(request));
        names << s;
    }
    const Snapshot before = snapshot();
    UserQuery users(*m_db);
    HistoryQuery history(*m_db);
    for (const QString &s : std::as_const(m_strings)) {
        // Search text is never SQL: it finds what contains it, or nothing, and never fails.
        UserFilter filter;
        filter.search = s;
        const auto page = users.page(filter, UserQuery::SortKey::Id, Qt::AscendingOrder, std::nullopt, 1000);
        HistoryFilter byText;
        byText.text = s;
        const auto found = history.count(byText);
        QVERIFY2(page, qPrintable(shown(s) + why(page)));
        QVERIFY2(found, qPrintable(shown(s) + why(found)));
        if (s.contains(QChar(0)) || s.trimmed().size() > Validation::MaxDescriptionLength) {
            // No stored text holds a NUL or is that long: nothing matches (and nothing fails).
            QVERIFY2(page->isEmpty() && *found == 0, qPrintable(shown(s)));
            continue;
        }
        const QString trimmed = s.trimmed();
        for (const UserRow &row : *page) {
            const bool contains = trimmed.isEmpty() || row.id == trimmed
                || row.id.contains(trimmed, Qt::CaseInsensitive) || row.email.contains(trimmed, Qt::CaseInsensitive)
                || row.name.contains(trimmed, Qt::CaseInsensitive)
                || !trimmed.isValidUtf16()
                // SQLite's LIKE reads U+FFFE and U+FFFF as U+FFFD.
                || trimmed.contains(QChar(0xFFFE)) || trimmed.contains(QChar(0xFFFF));
            // SQLite folds ASCII case only, PostgreSQL more: a match must at least contain the text
            // when both are folded, never match by a wildcard.
            QVERIFY2(contains || row.name.toCaseFolded().contains(trimmed.toCaseFolded()),
                     qPrintable(shown(s) + QStringLiteral(" found ") + shown(row.name)));
        }
        if (names.contains(s)) {
            bool listed = false;
            for (const UserRow &row : *page)
                listed = listed || row.name == s;
            QVERIFY2(listed, qPrintable(shown(s) + QStringLiteral(" did not find its user")));
            QVERIFY2(*found >= 1, qPrintable(shown(s) + QStringLiteral(" did not find its row")));
        }
    }
    // Wildcards are plain characters: "%" finds only rows with a percent sign.
    UserFilter percent;
    percent.search = QStringLiteral("%");
    const auto withPercent = users.page(percent, UserQuery::SortKey::Id, Qt::AscendingOrder, std::nullopt, 1000);
    QVERIFY(withPercent);
    for (const UserRow &row : *withPercent)
        QVERIFY2(row.name.contains(QLatin1Char('%')) || row.email.contains(QLatin1Char('%')), qPrintable(row.name));
    QCOMPARE(snapshot(), before);
}

void TestHostileOperations::importOfHostileAdjustmentsIsAllOrNothing()
{
    // The strings as a file holds them: UTF-8 (a lone surrogate becomes U+FFFD on the way);
    // NUL makes a file binary and is tried in malformedCsvFilesAreRefusedWholly.
    QStringList values;
    for (const QString &s : std::as_const(m_strings)) {
        if (!looksBinary(s) && s.toUtf8().size() < CsvReader::MaxFieldBytes)
            values << inFile(s);
    }
    QByteArray all = "userId,amount,reason,sourceId,description\r\n";
    QByteArray valid = all;
    qint64 refused = 0;
    qint64 accepted = 0;
    qint64 amountSum = 0;
    QHash<QString, QString> expected; // sourceId -> description
    for (int i = 0; i < values.size(); ++i) {
        const QString &s = values.at(i);
        const QString sourceId = QStringLiteral("imp-%1").arg(i);
        const qint64 amount = i % 2 ? -(i % 5) - 1 : i % 5 + 1;
        const QByteArray line = csvCell(BaseUser) + ',' + QByteArray::number(amount) + ',' + csvCell(s) + ','
            + csvCell(sourceId) + ',' + csvCell(s) + "\r\n";
        all += line;
        if (storableText(s, Validation::MaxReasonLength, true)
            && storableText(s, Validation::MaxDescriptionLength, false)) {
            valid += line;
            ++accepted;
            amountSum += amount;
            expected.insert(sourceId, s);
        } else {
            ++refused;
        }
    }
    QVERIFY2(refused > 20 && accepted > 5000, qPrintable(QStringLiteral("%1 %2").arg(refused).arg(accepted)));
    const Snapshot before = snapshot();
    BatchImporter importer(*m_db);
    const auto rejected = importer.importFile(ImportKind::Adjust, writeFile(QStringLiteral("all.csv"), all), false);
    QVERIFY2(rejected, qPrintable(why(rejected)));
    QVERIFY(!rejected->applied);
    QCOMPARE(rejected->rowsRead, values.size());
    QCOMPARE(rejected->problemCount, refused);
    for (const CsvProblem &problem : rejected->problems)
        QVERIFY2(problem.message.contains(QStringLiteral("line %1: reason").arg(problem.line)),
                 qPrintable(problem.message));
    QCOMPARE(snapshot(), before);

    QElapsedTimer timer;
    timer.start();
    const auto applied = importer.importFile(ImportKind::Adjust, writeFile(QStringLiteral("valid.csv"), valid), false);
    QVERIFY2(applied, qPrintable(why(applied)));
    QVERIFY2(applied->applied, qPrintable(applied->problems.isEmpty() ? QString() : applied->problems.first().message));
    QCOMPARE(applied->transactions, accepted);
    Snapshot after = snapshot();
    Snapshot wanted = before;
    wanted.rows += accepted;
    wanted.amountSum += amountSum;
    wanted.totalSum += amountSum;
    wanted.events = after.events;
    wanted.newestHash = after.newestHash;
    QCOMPARE(after.text(), wanted.text());
    QVERIFY(after.events >= before.events + accepted);
    auto rows = m_db->run(
        QStringLiteral("SELECT \"sourceId\", \"description\" FROM \"UserXP\" WHERE \"sourceId\" LIKE 'imp-%'"));
    QVERIFY(rows);
    qint64 read = 0;
    while (rows->next()) {
        ++read;
        const QString want = expected.value(rows->text(0));
        QVERIFY2(rows->text(1).toUtf8() == want.toUtf8(),
                 qPrintable(rows->text(0) + shown(rows->text(1)) + QStringLiteral(" != ") + shown(want)));
    }
    QCOMPARE(read, accepted);
    qInfo("imported %lld hostile rows in %lld ms", accepted, timer.elapsed());
}

void TestHostileOperations::importOfHostileLegacyUsers()
{
    QByteArray content = "userId,totalXP,email,name\r\n";
    QHash<QString, QString> names; // id -> name
    qint64 total = 0;
    int line = 1;
    for (int i = 0; i < m_strings.size() && names.size() < 2000; ++i) {
        const QString s = inFile(m_strings.at(i));
        if (looksBinary(m_strings.at(i)) || s.toUtf8().size() >= CsvReader::MaxFieldBytes
            || !storableText(s, Validation::MaxIdLength, true) || !storableText(s, Validation::MaxNameLength, false)
            || names.contains(s))
            continue;
        content += csvCell(s) + ',' + QByteArray::number(i + 1) + ','
            + csvCell(QStringLiteral("l%1@example.org").arg(i)) + ',' + csvCell(s) + "\r\n";
        names.insert(s, s);
        total += i + 1;
        ++line;
    }
    const Snapshot before = snapshot();
    const auto report
        = BatchImporter(*m_db).importFile(ImportKind::Legacy, writeFile(QStringLiteral("legacy.csv"), content), false);
    QVERIFY2(report, qPrintable(why(report)));
    QVERIFY2(report->applied, qPrintable(report->problems.isEmpty() ? QString() : report->problems.first().message));
    QCOMPARE(report->usersCreated, names.size());
    QCOMPARE(report->totalAfter, total);
    const Snapshot after = snapshot();
    QCOMPARE(after.users, before.users + names.size());
    QCOMPARE(after.amountSum, before.amountSum + total);
    Users users(*m_db);
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        const auto found = users.find(it.key());
        QVERIFY2(found && found->has_value(), qPrintable(shown(it.key())));
        QCOMPARE((*found)->id.toUtf8(), it.key().toUtf8());
        QCOMPARE((*found)->name.toUtf8(), it.value().toUtf8());
    }
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
}

void TestHostileOperations::malformedCsvFilesAreRefusedWholly()
{
    const QByteArray header = "userId,amount,reason\r\n";
    const QByteArray good = "\"u-base\",5,\"fine\"\r\n";
    const QList<std::pair<QByteArray, QString>> files{
        {header + good + QByteArray("\"u-base\",5,\"a\0b\"\r\n", 18), QStringLiteral("NUL")},
        {header + good + "\"u-base\",5,\"\xC3\x28\"\r\n", QStringLiteral("not UTF-8")},
        {header + good + "\"u-base\",5,\"\xED\xA0\x80\"\r\n", QStringLiteral("not UTF-8")},
        {header + good + "\"u-base\",5,\"bell\x07\"\r\n", QStringLiteral("binary")},
        {header + good + "\"u-base\",5,\"" + QByteArray(CsvReader::MaxFieldBytes + 1, 'x') + "\"\r\n",
         QStringLiteral("line 3")},
        {header + good + "\"u-base\",5,\"unterminated\r\n", QStringLiteral("line 3")},
        {header + good + "\"u-base\",5,\"x\"y\"\r\n", QStringLiteral("line 3")},
        {header + good + "\"u-base\",5\r\n", QStringLiteral("line 3")},
        {header + good + "\"u-base\",=1+1,\"formula\"\r\n", QStringLiteral("amount")},
        {header + good + "\"u-base\",5,\"  \"\r\n", QStringLiteral("reason")},
    };
    const Snapshot before = snapshot();
    for (int i = 0; i < files.size(); ++i) {
        const auto report = BatchImporter(*m_db).importFile(
            ImportKind::Adjust, writeFile(QStringLiteral("bad%1.csv").arg(i), files.at(i).first), false);
        if (!report) {
            QVERIFY2(report.error().message.contains(files.at(i).second, Qt::CaseInsensitive), qPrintable(why(report)));
        } else {
            QVERIFY2(!report->applied, qPrintable(QString::number(i)));
            QVERIFY(report->hasProblems());
            bool named = false;
            for (const CsvProblem &problem : report->problems)
                named = named || problem.message.contains(files.at(i).second, Qt::CaseInsensitive);
            QVERIFY2(named, qPrintable(QString::number(i) + QStringLiteral(": ") + report->problems.first().message));
        }
        QCOMPARE(snapshot(), before);
    }
}

void TestHostileOperations::exportNeutralisesFormulasAndKeepsNegativeNumbers()
{
    // Every cell a spreadsheet would run, in the description and in the source id.
    const QStringList formulas{QStringLiteral("=1+1"),
                               QStringLiteral("+SUM(A1:A2)"),
                               QStringLiteral("-2+3"),
                               QStringLiteral("@cmd"),
                               QStringLiteral("\t=1"),
                               QStringLiteral("\r=1"),
                               QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")};
    Ledger ledger(*m_db);
    for (int i = 0; i < formulas.size(); ++i) {
        AwardRequest request;
        request.userId = BaseUser;
        request.amount = -(i + 1);
        request.sourceType = SourceType::ManualAdjustment;
        request.category = Category::Manual;
        request.sourceId = formulas.at(i);
        request.description = formulas.at(i);
        QVERIFY2(ledger.award(request), qPrintable(formulas.at(i)));
    }
    const QString path = m_dir.filePath(QStringLiteral("history.csv"));
    HistoryFilter filter;
    filter.userId = BaseUser;
    const auto written = HistoryCsvExport(*m_db).write(filter, HistoryQuery::Order::OldestFirst, path);
    QVERIFY2(written, qPrintable(why(written)));
    QCOMPARE(*written, formulas.size() + 1);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    CsvReader reader(&file);
    CsvRecord record;
    QVERIFY(reader.next(record));
    const QStringList header = record.fields;
    const qsizetype amountColumn = header.indexOf(QStringLiteral("amount"));
    const qsizetype descriptionColumn = header.indexOf(QStringLiteral("description"));
    const qsizetype sourceColumn = header.indexOf(QStringLiteral("sourceId"));
    QVERIFY(amountColumn >= 0 && descriptionColumn >= 0 && sourceColumn >= 0);
    int seen = 0;
    while (reader.next(record)) {
        const QString amount = record.fields.at(amountColumn);
        bool number = false;
        const qint64 value = amount.toLongLong(&number);
        QVERIFY2(number, qPrintable(amount)); // a number, negative ones too, never quoted away
        if (value >= 0)
            continue; // the seed row
        const QString formula = inFile(formulas.at(-value - 1));
        QCOMPARE(record.fields.at(descriptionColumn), QLatin1Char('\'') + formula);
        QCOMPARE(record.fields.at(sourceColumn), QLatin1Char('\'') + formula);
        ++seen;
    }
    QVERIFY(!reader.failed());
    QCOMPARE(seen, formulas.size());
    // The raw file: the negative amounts are bare numbers.
    QVERIFY(file.seek(0));
    const QByteArray raw = file.readAll();
    for (int i = 0; i < formulas.size(); ++i)
        QVERIFY2(raw.contains(QByteArray(',' + QByteArray::number(-(i + 1)) + ',')), raw.constData());
}

QTEST_GUILESS_MAIN(TestHostileOperations)
#include "TestHostileOperations.moc"
