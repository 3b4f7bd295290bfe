# Compiler flags every Gloss target gets: strict warnings, optional -Werror,
# optional sanitizers. Targets opt in with gloss_set_warnings(target).

if(GLOSS_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

function(gloss_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wno-sign-conversion -Wnon-virtual-dtor)
    if(GLOSS_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
