#pragma once

#include <QLineEdit>
#include <QTimer>

class LedgerSession;
class QCompleter;
class QStandardItemModel;
struct UserRow;

// A field that names one user by name (else email), the id in its tooltip, while the filter
// it feeds works on the id. Typing a name, an email or an id offers the users that match; a
// text that names one user alone (an exact id, email or name, or the only match) is taken as
// that user, any other text as an id (so the events of a user who no longer exists are found).
class UserFilterEdit final : public QLineEdit
{
    Q_OBJECT

public:
    explicit UserFilterEdit(LedgerSession *session, QWidget *parent = nullptr);

    // The id filtered by; empty for everyone.
    QString userId() const { return m_userId; }
    // Shows this user by name (looked up; the id until then, or when nobody has it). A no-op
    // for the id already shown, so that a filter echoed back leaves the typed text alone.
    void setUserId(const QString &userId);

signals:
    // The person chose another user (or none) by typing or from the list.
    void userChosen(const QString &userId);

private:
    void onTextEdited(const QString &text);
    void search();
    void showMatches(const QString &text, const QList<UserRow> &users);
    void choose(const QString &userId, const QString &label);
    void describe(const UserRow *user);

    LedgerSession *m_session;
    QStandardItemModel *m_matches;
    QCompleter *m_completer;
    QTimer m_searchDelay;
    QString m_userId;
    quint64 m_generation = 0; // answers to an older search or lookup are dropped
};
