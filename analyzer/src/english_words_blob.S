/* The English word list, linked into the library as read-only bytes. The path is
   passed by CMake as TIGRIS_WORDLIST. */
#define STR2(x) #x
#define STR(x) STR2(x)
    .section .rodata
    .global tigris_english_words_begin
    .global tigris_english_words_end
tigris_english_words_begin:
    .incbin STR(TIGRIS_WORDLIST)
tigris_english_words_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
