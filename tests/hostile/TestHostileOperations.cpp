#include "tests/hostile/HostileFixture.h"
#include "tests/hostile/HostileStrings.h"

#include "core/domain/Validation.h"
#include "core/history/HistoryQuery.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/UserQuery.h"
#include "core/users/Users.h"

#include <QElapsedTimer>
#include <QTest>

// Hostile strings through every text field of every operation, on both backends: each one is
// stored and read back byte for byte, or refused with an input error that names the field, and
// nothing else changes either way. Searches take each as plain text.
class TestHostileOperations final : public QObject, private HostileFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { generateStrings(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void generatorIsDeterministicAndHostile();
    void everyOperationStoresOrRefusesEachString();
    void searchesTreatEveryStringAsPlainText();

private:
    QString newestReason();
    void checkRefused(const Error &error, const QString &field, const QString &value, const Snapshot &before,
                      const char *operation);
    // Sends strings[index] through operation op (0-7); returns false after a failed check.
    void runOperation(int op, int index, const QString &value);

    int m_accepted = 0;
    int m_refused = 0;
};

QString TestHostileOperations::newestReason()
{
    auto rows = m_db->run(QStringLiteral("SELECT reason FROM %1 ORDER BY seq DESC LIMIT 1")
                              .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    if (!rows || !rows->next())
        return QStringLiteral("<no event>");
    return rows->text(0);
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
    // Per 10,000 strings: 365 with a NUL, 696 invalid, 83 too long, 705 right-to-left, 328 emoji.
    const int many = StringCount / 100;
    QVERIFY2(nul > many && invalid > many && tooLong > 3 && rtl > many && emoji > many,
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
    // so that all of them (ten thousand; a quarter under the sanitizers) reach the database in
    // reasonable time.
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
    QVERIFY2(m_accepted > StringCount / 2 && m_refused > StringCount / 20,
             qPrintable(QStringLiteral("%1 %2").arg(m_accepted).arg(m_refused)));
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

QTEST_GUILESS_MAIN(TestHostileOperations)
#include "TestHostileOperations.moc"
