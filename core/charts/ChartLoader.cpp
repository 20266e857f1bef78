#include "core/charts/ChartLoader.h"

#include "core/charts/ChartQuery.h"
#include "core/domain/Validation.h"
#include "core/users/Users.h"

Result<ChartFiguresOf> ChartLoader::load(Database &db, const ChartRequest &request, const CancelToken *cancel)
{
    ChartFiguresOf figures;
    if (!request.userId.isEmpty()) {
        auto user = Users(db).find(request.userId);
        if (!user)
            return user.error();
        if (!*user)
            return Error::input(tr("There is no user with the id %1.").arg(Validation::quoted(request.userId)));
        const TopUser named{(*user)->id, (*user)->email, (*user)->name, 0, 0};
        figures.scope = scope(request.userId, named.displayName());
    } else {
        figures.scope = scope({}, {});
    }
    auto data = ChartQuery(db).load(request, cancel);
    if (!data)
        return data.error();
    figures.data = std::move(*data);
    return figures;
}

QString ChartLoader::scope(const QString &userId, const QString &displayName)
{
    if (userId.isEmpty())
        return tr("Everyone");
    return tr("User: %1").arg(displayName.isEmpty() ? userId : displayName);
}
