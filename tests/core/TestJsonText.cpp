#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/domain/XpTransaction.h"

#include <QJsonDocument>
#include <QTest>

// Audit snapshots written in bulk (JsonText) must be the very text QJsonDocument writes for the
// same row, and read back by restore as the same row, whatever the text holds.
class TestJsonText final : public QObject
{
    Q_OBJECT

private slots:
    void transactionTextIsQJsonDocumentText_data();
    void transactionTextIsQJsonDocumentText();
    void nestedObjectsAndNull();
};

void TestJsonText::transactionTextIsQJsonDocumentText_data()
{
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("userId");
    QTest::newRow("plain") << QStringLiteral("Migrated from the legacy total") << QStringLiteral("user-1");
    QTest::newRow("empty") << QString() << QStringLiteral("u");
    QTest::newRow("quotes and backslashes") << QStringLiteral("say \"hi\" \\ C:\\path\\") << QStringLiteral("a\"b");
    QTest::newRow("control characters") << QStringLiteral("line\none\ttab\rcr\bbs\ffeed") + QChar(0x01) + QChar(0x1f)
                                        << QStringLiteral("x\ny");
    QTest::newRow("non-ASCII") << QStringLiteral("Prüfung für Zoë, 日本語, \U0001F600") << QStringLiteral("ü-1");
}

void TestJsonText::transactionTextIsQJsonDocumentText()
{
    QFETCH(QString, description);
    QFETCH(QString, userId);
    XpTransaction row;
    row.id = QStringLiteral("cabc123");
    row.userId = userId;
    row.amount = -2147483647;
    row.sourceType = SourceType::ManualAdjustment;
    row.sourceId = QStringLiteral("legacy-0123456789ab");
    row.description = description;
    row.category = Category::Manual;
    row.createdAt = Timestamp::fromSql(QStringLiteral("2026-12-02 10:11:12.345"));
    row.updatedAt = row.createdAt;

    const QString text = row.toJsonText().text();
    QCOMPARE(text, JsonText::compact(row.toJson()));
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(text.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const auto back = XpTransaction::fromJson(parsed.object());
    QVERIFY(back);
    QCOMPARE(back->description, description);
    QCOMPARE(back->userId, userId);
    QCOMPARE(back->amount, row.amount);
    QCOMPARE(back->createdAt, row.createdAt);
}

void TestJsonText::nestedObjectsAndNull()
{
    JsonText user;
    user.add(QLatin1StringView("id"), QStringLiteral("u1")).addNull(QLatin1StringView("name"));
    JsonText outer;
    outer.add(QLatin1StringView("zeta"), 7).addJson(QLatin1StringView("createdUser"), user.text());
    const QJsonObject expected{
        {QStringLiteral("zeta"), 7},
        {QStringLiteral("createdUser"),
         QJsonObject{{QStringLiteral("id"), QStringLiteral("u1")}, {QStringLiteral("name"), QJsonValue()}}}};
    QCOMPARE(outer.text(), JsonText::compact(expected));
    QCOMPARE(JsonText().text(), QStringLiteral("{}"));
}

QTEST_GUILESS_MAIN(TestJsonText)
#include "TestJsonText.moc"
