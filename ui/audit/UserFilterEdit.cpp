#include "ui/audit/UserFilterEdit.h"

#include "core/session/LedgerSession.h"
#include "core/users/UserJobs.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStandardItemModel>

#include <optional>

namespace {

constexpr int SearchDelayMs = 250;
constexpr int MatchLimit = 12;
constexpr int IdRole = Qt::UserRole + 1;
constexpr int LabelRole = Qt::UserRole + 2;

// What the field shows for a user: the name, else the email, else the id.
QString labelOf(const UserRow &user)
{
    if (!user.name.trimmed().isEmpty())
        return user.name.trimmed();
    return user.email.isEmpty() ? user.id : user.email;
}

// The name and the email, as a list of users shows them.
QString fullLabelOf(const UserRow &user)
{
    if (user.name.trimmed().isEmpty() || user.email.isEmpty())
        return labelOf(user);
    return UserFilterEdit::tr("%1 <%2>", "a user's name and email").arg(user.name.trimmed(), user.email);
}

} // namespace

UserFilterEdit::UserFilterEdit(LedgerSession *session, QWidget *parent)
    : QLineEdit(parent),
      m_session(session),
      m_matches(new QStandardItemModel(this)),
      m_completer(new QCompleter(m_matches, this))
{
    setPlaceholderText(tr("User name, email or id"));
    setClearButtonEnabled(true);
    describe(nullptr);
    // The database has found the matches already; the list shows them as they are.
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCompletionRole(LabelRole);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setWidget(this);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                if (index.isValid())
                    choose(index.data(IdRole).toString(), index.data(LabelRole).toString());
            });
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(SearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &UserFilterEdit::search);
    connect(this, &QLineEdit::textEdited, this, &UserFilterEdit::onTextEdited);
}

void UserFilterEdit::setUserId(const QString &userId)
{
    if (userId == m_userId)
        return;
    ++m_generation;
    m_searchDelay.stop();
    m_userId = userId;
    describe(nullptr);
    // Blank rather than the bare id for the moment the name takes to arrive.
    setText(userId.isEmpty() || !m_session ? userId : QString());
    if (userId.isEmpty() || !m_session)
        return;
    const quint64 generation = m_generation;
    m_session->interactive()->postRead<std::optional<UserRow>>(
        this, UserJobs::find(userId), [this, generation, userId](const Result<std::optional<UserRow>> &found) {
            if (generation != m_generation)
                return; // the person or the view chose again meanwhile
            if (!found || !found->has_value()) {
                setText(userId); // a user who is gone, or unreadable: the id is what there is
                return;
            }
            setText(labelOf(**found));
            setCursorPosition(0);
            describe(&**found);
        });
}

void UserFilterEdit::onTextEdited(const QString &text)
{
    ++m_generation;
    if (text.trimmed().isEmpty()) {
        m_searchDelay.stop();
        m_matches->clear();
        m_completer->popup()->hide();
        choose({}, {});
        return;
    }
    m_searchDelay.start();
}

void UserFilterEdit::search()
{
    const QString wanted = text().trimmed();
    if (wanted.isEmpty())
        return;
    if (!m_session) {
        choose(wanted, {});
        return;
    }
    const quint64 generation = ++m_generation;
    m_session->interactive()->postRead<QList<UserRow>>(this, UserJobs::search(wanted, MatchLimit),
                                                       [this, generation, wanted](const Result<QList<UserRow>> &users) {
                                                           if (generation == m_generation)
                                                               showMatches(wanted, users ? *users : QList<UserRow>());
                                                       });
}

void UserFilterEdit::showMatches(const QString &text, const QList<UserRow> &users)
{
    m_matches->clear();
    std::optional<UserRow> named;
    if (users.size() == 1)
        named = users.first();
    for (const UserRow &user : users) {
        const bool exact = user.id == text || user.email.compare(text, Qt::CaseInsensitive) == 0
            || user.name.trimmed().compare(text, Qt::CaseInsensitive) == 0;
        if (exact && !named)
            named = user;
        auto *item = new QStandardItem(fullLabelOf(user));
        item->setData(user.id, IdRole);
        item->setData(labelOf(user), LabelRole);
        item->setToolTip(tr("User id %1").arg(user.id));
        m_matches->appendRow(item);
    }
    m_userId = named ? named->id : text;
    describe(named ? &*named : nullptr);
    emit userChosen(m_userId);
    // The list only while the person is still at the field and has a choice left to make.
    if (hasFocus() && !users.isEmpty() && !(named && users.size() == 1 && labelOf(*named) == text))
        m_completer->complete();
}

void UserFilterEdit::choose(const QString &userId, const QString &label)
{
    ++m_generation;
    m_searchDelay.stop();
    m_userId = userId;
    if (!label.isEmpty() && text() != label)
        setText(label);
    describe(nullptr);
    if (!userId.isEmpty() && !label.isEmpty())
        setToolTip(tr("Only events of %1\nUser id: %2").arg(label, userId));
    emit userChosen(m_userId);
}

void UserFilterEdit::describe(const UserRow *user)
{
    if (user) {
        setToolTip(tr("Only events of %1\nUser id: %2").arg(fullLabelOf(*user), user->id));
        return;
    }
    setToolTip(m_userId.isEmpty() ? tr("Only events of one user: type a name, an email or an id")
                                  : tr("Only events of the user with id %1").arg(m_userId));
}
